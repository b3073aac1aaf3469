"""Assets of the store: textures, character sheets, LUTs, sound."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.models import Asset
from shared.errors import NotFound
from shared.contracts.catalog import AssetPublic
from shared.formats import parse_uuid


def list_assets(db: Session) -> list[dict]:
    """Every asset, in the curated order of the store (then by title)."""
    assets = db.scalars(select(Asset).order_by(Asset.position, Asset.title))
    return [AssetPublic.to_wire(asset) for asset in assets]


def get_asset(db: Session, asset_id) -> dict:
    """One asset by id. NotFound for an unknown or malformed id."""
    asset_id = parse_uuid(asset_id)
    asset = db.get(Asset, asset_id) if asset_id else None
    if asset is None:
        raise NotFound("Asset not found", code="ASSET_NOT_FOUND")
    return AssetPublic.to_wire(asset)
