"""Whether an upload's owner exists: the one place media asks catalog.

Catalog's ``get_lesson`` and ``get_asset`` answer what the store shows; once
catalog has drafts, an upload for a draft lesson or asset needs catalog's
staff lookup instead, and this is the line to change.
"""

from shared.errors import NotFound

LOOKUPS = {"lesson": "get_lesson", "asset": "get_asset"}


def owner_exists(catalog_rpc, owner_type: str, owner_id: str) -> bool:
    try:
        getattr(catalog_rpc, LOOKUPS[owner_type])(owner_id)
    except NotFound:
        return False
    return True
