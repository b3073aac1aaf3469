"""Assets of the store: textures, character sheets, LUTs, sound."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.courses import is_listed, listed
from catalog.models import Asset
from shared.errors import NotFound
from shared.contracts.catalog import AssetPublic
from shared.formats import parse_uuid


def list_assets(db: Session) -> list[dict]:
    """Every listed asset (published, not deleted), in the curated order of
    the store (then by title)."""
    assets = db.scalars(select(Asset).where(listed(Asset)).order_by(Asset.position, Asset.title))
    return [AssetPublic.to_wire(asset) for asset in assets]


def get_asset(db: Session, asset_id, include_unlisted: bool = False) -> dict:
    """One listed asset by id. NotFound for an unknown or malformed id, or an
    asset not listed. With ``include_unlisted`` (for its buyers' downloads),
    any asset, with ``listed`` saying whether the store shows it."""
    asset_id = parse_uuid(asset_id)
    asset = db.get(Asset, asset_id) if asset_id else None
    if asset is None or not (include_unlisted or is_listed(asset)):
        raise NotFound("Asset not found", code="ASSET_NOT_FOUND")
    if include_unlisted:
        return {**AssetPublic.to_wire(asset), "listed": is_listed(asset)}
    return AssetPublic.to_wire(asset)
