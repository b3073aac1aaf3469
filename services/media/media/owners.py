"""Whether an upload's owner exists: the one place media asks catalog.

Authors upload to drafts before they publish them: catalog is asked for any
lesson or asset (``include_unlisted``), not only what the store lists.
"""

from shared.errors import NotFound

LOOKUPS = {"lesson": "get_lesson", "asset": "get_asset"}


def owner_exists(catalog_rpc, owner_type: str, owner_id: str) -> bool:
    try:
        getattr(catalog_rpc, LOOKUPS[owner_type])(owner_id, include_unlisted=True)
    except NotFound:
        return False
    return True
