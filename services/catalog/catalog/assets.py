"""Assets of the store: textures, character sheets, LUTs, sound."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.models import Asset
from shared.errors import NotFound
from shared.formats import money, parse_uuid


def to_public(asset: Asset) -> dict:
    return {
        "id": asset.id,
        "title": asset.title,
        "description": asset.description,
        "price": money(asset.price),
        "category": asset.category,
        "badge": asset.badge,
        "imageUrl": asset.image_url,
        "fileFormat": asset.file_format,
        "fileSize": asset.file_size,
        "color": asset.color,
    }


def list_assets(db: Session) -> list[dict]:
    """Every asset, in the curated order of the store (then by title)."""
    assets = db.scalars(select(Asset).order_by(Asset.position, Asset.title))
    return [to_public(asset) for asset in assets]


def get_asset(db: Session, asset_id) -> dict:
    """One asset by id. NotFound for an unknown or malformed id."""
    asset_id = parse_uuid(asset_id)
    asset = db.get(Asset, asset_id) if asset_id else None
    if asset is None:
        raise NotFound("Asset not found", code="ASSET_NOT_FOUND")
    return to_public(asset)
