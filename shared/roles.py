"""Who may do what: a user's role, and the check every staff operation makes
in the service that owns its data (not only in the gateway).

The gateway passes the caller as ``actor`` (``{"id", "role"}``, as auth
resolved the session); a service refuses an operation whose actor lacks the
role, so that a call reaching it by another way than the gateway's admin
routes is refused too.
"""

from shared.errors import Forbidden, Unauthenticated

LEARNER, INSTRUCTOR, ADMIN = "learner", "instructor", "admin"
ROLES = (LEARNER, INSTRUCTOR, ADMIN)
STAFF = (INSTRUCTOR, ADMIN)


def require(actor, *roles: str) -> str:
    """The actor's id, if its role is one of ``roles``; Forbidden otherwise,
    Unauthenticated without an actor."""
    if not isinstance(actor, dict) or not isinstance(actor.get("id"), str):
        raise Unauthenticated()
    if actor.get("role") not in roles:
        raise Forbidden("This needs the role " + " or ".join(roles), code="ROLE_REQUIRED")
    return actor["id"]
