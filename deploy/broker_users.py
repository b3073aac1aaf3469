"""One RabbitMQ user per process, allowed only its own queues and exchanges.

Nameko names everything after the service: a service consumes ``rpc-<name>``
and its reply queues ``rpc.reply-<name>-<uuid>``, publishes its events to
``<name>.events``, and each of its event handlers consumes
``evt-<source>-<event>--<name>.<method>``, bound to ``<source>.events``. So
what a process may touch follows from its name, the services it calls and the
sources it listens to (``USERS``). RabbitMQ's permissions are three regular
expressions over resource names (configure: declare and delete; write:
publish and bind a queue; read: consume and bind from an exchange), and topic
permissions restrict the routing keys published to a topic exchange: on
``nameko-rpc`` a process may send calls to the services it calls and replies,
nothing else (learning cannot call ``commerce.create_order``).

deploy/bootstrap.py applies them through the management API when
RABBITMQ_MANAGEMENT_URL and the processes' ``<PROCESS>_AMQP_URI`` are set
(docker-compose.yml, the Kubernetes migration Job). ``make run`` and the
tests keep the single local user (guest); tests/e2e/test_broker_users.py runs
the suite on these users.
"""

import json
import re
import time
import urllib.error
import urllib.request
from base64 import b64encode
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

RPC_EXCHANGE = "nameko-rpc"

# The routing key of a reply: the caller's reply queue name (the gateway's
# client, shared/rpc.py) or the uuid Nameko's own reply listener binds with.
REPLY_KEYS = r"rpc\.reply-.+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@dataclass(frozen=True)
class BrokerUser:
    # The user's name: the process's Nameko service name (the gateway's
    # client names its reply queues rpc.reply-gateway-<uuid> too).
    name: str
    # Consumes rpc-<name> (every Nameko service answers at least ``ping``).
    serves_rpc: bool = True
    calls: tuple[str, ...] = ()
    publishes_events: bool = False
    listens_to: tuple[str, ...] = ()

    def permissions(self) -> dict[str, str]:
        name = re.escape(self.name)
        queues = [rf"rpc\.reply-{name}-.+"]
        if self.serves_rpc:
            queues.append(rf"rpc-{name}")
        if self.listens_to:
            sources = "|".join(re.escape(source) for source in self.listens_to)
            queues.append(rf"evt-({sources})-[^.]+--{name}\..+")
        own_events = [rf"{name}\.events"] if self.publishes_events else []
        sources_events = [rf"{re.escape(source)}\.events" for source in self.listens_to]
        rpc = [re.escape(RPC_EXCHANGE)]
        return {
            # Nameko declares every exchange it uses, its sources' included.
            "configure": _anchored(queues + rpc + own_events + sources_events),
            "write": _anchored(queues + rpc + own_events),
            "read": _anchored(queues + rpc + sources_events),
        }

    def topic_permissions(self) -> dict[str, str]:
        keys = [rf"{re.escape(service)}\..+" for service in self.calls]
        if self.serves_rpc:
            keys.append(REPLY_KEYS)
        return {"exchange": RPC_EXCHANGE, "write": _anchored(keys), "read": ".*"}


def _anchored(alternatives: list[str]) -> str:
    # An empty list must match nothing: RabbitMQ reads "" as "no access".
    return "^(" + "|".join(alternatives) + ")$" if alternatives else ""


# notifications for its readiness ping (/api/ready) only.
SERVICES_CALLED_BY_GATEWAY = ("auth", "catalog", "learning", "commerce", "media", "notifications")

USERS = (
    # The gateway hears catalog_changed and session_ended (its caches).
    BrokerUser("gateway", serves_rpc=False, calls=SERVICES_CALLED_BY_GATEWAY, listens_to=("catalog", "auth")),
    BrokerUser("auth", publishes_events=True),
    BrokerUser("catalog", publishes_events=True, listens_to=("media",)),
    BrokerUser(
        "learning",
        calls=("catalog", "commerce", "auth"),
        publishes_events=True,
        listens_to=("commerce", "catalog"),
    ),
    BrokerUser("commerce", calls=("catalog",), publishes_events=True),
    # media asks catalog whether an upload's lesson or asset exists (media/owners.py).
    BrokerUser("media", calls=("catalog",), publishes_events=True),
    BrokerUser("media_worker", listens_to=("media",)),
    BrokerUser("notifications", calls=("auth", "commerce"), listens_to=("auth", "commerce", "learning")),
)


# Procfile processes that never connect to the broker: the local SMTP server.
NO_BROKER = ("mail-sink",)


def user_named(name: str) -> BrokerUser:
    for user in USERS:
        if user.name == name:
            return user
    raise KeyError(name)


class ManagementApi:
    """The few calls of RabbitMQ's HTTP API that create users and permissions."""

    def __init__(self, url: str, timeout: float = 10):
        parts = urlsplit(url)
        self.base = f"{parts.scheme}://{parts.hostname}:{parts.port or 15672}{parts.path.rstrip('/')}/api"
        credentials = f"{unquote(parts.username or 'guest')}:{unquote(parts.password or 'guest')}"
        self.authorization = "Basic " + b64encode(credentials.encode()).decode()
        self.timeout = timeout

    def put(self, path: str, body: dict) -> None:
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(body).encode(),
            method="PUT",
            headers={"Authorization": self.authorization, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout):
            pass

    def ensure_user(self, user: BrokerUser, password: str, vhost: str) -> None:
        name = quote(user.name, safe="")
        vhost = quote(vhost, safe="")
        # No tags: the user cannot log into the management UI nor use its API.
        self.put(f"/users/{name}", {"password": password, "tags": ""})
        self.put(f"/permissions/{vhost}/{name}", user.permissions())
        self.put(f"/topic-permissions/{vhost}/{name}", user.topic_permissions())


    def wait_until_up(self, timeout: float) -> None:
        """The API answers a little after AMQP does (compose starts migrate
        once the broker's AMQP port is open)."""
        deadline = time.monotonic() + timeout
        request = urllib.request.Request(self.base + "/overview", headers={"Authorization": self.authorization})
        while True:
            try:
                with urllib.request.urlopen(request, timeout=self.timeout):
                    return
            except urllib.error.HTTPError:
                raise
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)


def apply(management_url: str, amqp_uris: dict[str, str], timeout: float = 60) -> list[str]:
    """Create or update the user of each process in ``amqp_uris`` (process
    name -> the AMQP URI it is given) with that URI's password and vhost; the
    names of the users applied."""
    # Every URI is checked before the first change, so a wrong one changes nothing.
    wanted = []
    for process, uri in amqp_uris.items():
        user = user_named(process)
        parts = urlsplit(uri)
        if unquote(parts.username or "") != user.name:
            raise ValueError(f"{process}'s AMQP URI must name the user {user.name!r}")
        vhost = unquote(parts.path[1:]) if len(parts.path) > 1 else "/"
        wanted.append((user, unquote(parts.password or ""), vhost))
    api = ManagementApi(management_url)
    if wanted:
        api.wait_until_up(timeout)
    for user, password, vhost in wanted:
        api.ensure_user(user, password, vhost)
    return [user.name for user, _, _ in wanted]
