"""Staff's assets: listed with their drafts, created, edited and deleted
(soft: buyers keep their downloads, the store drops it)."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.authoring import now, read_fields, set_fields, write_unique
from catalog.models import Asset
from shared.contracts.authoring import AdminAsset, AssetWrite
from shared.errors import Conflict, NotFound
from shared.formats import parse_uuid

# What a PUT may leave out, and keeps then: the preview and size come from uploads too.
_KEPT_WHEN_OMITTED = ("badge", "image_url", "file_size", "status")
_WIRE_NAMES = {name: field.alias for name, field in AssetWrite.model_fields.items()}


def _title_taken() -> Conflict:
    return Conflict("Another asset has this title", code="ASSET_TITLE_TAKEN", details={"fields": {"title": "taken"}})


def _live_asset(db: Session, asset_id, lock: bool = False) -> Asset:
    asset_id = parse_uuid(asset_id)
    query = select(Asset).where(Asset.id == asset_id, Asset.deleted_at.is_(None))
    asset = db.scalar(query.with_for_update() if lock else query) if asset_id else None
    if asset is None:
        raise NotFound("Asset not found", code="ASSET_NOT_FOUND")
    return asset


def list_assets(db: Session) -> list[dict]:
    """Every asset that is not deleted, drafts included, in the store's order."""
    assets = db.scalars(select(Asset).where(Asset.deleted_at.is_(None)).order_by(Asset.position, Asset.title))
    return [AdminAsset.to_wire(asset) for asset in assets]


def create_asset(db: Session, data) -> dict:
    """A new asset, last in the store's order, a draft unless ``status`` says
    otherwise. InvalidInput; Conflict ASSET_TITLE_TAKEN."""
    fields = read_fields(AssetWrite, data)
    position = db.scalar(select(func.coalesce(func.max(Asset.position), 0) + 1))
    asset = Asset(**fields, position=position)
    write_unique(db, _title_taken(), lambda: db.add(asset))
    return AdminAsset.to_wire(asset)


def update_asset(db: Session, asset_id, data) -> dict:
    """The asset with every field of ``data`` (an omitted badge, imageUrl,
    fileSize or status stays as it was). NotFound; InvalidInput; Conflict
    ASSET_TITLE_TAKEN. Orders keep the price they were placed at."""
    asset = _live_asset(db, asset_id, lock=True)
    kept = {_WIRE_NAMES[name]: getattr(asset, name) for name in _KEPT_WHEN_OMITTED}
    fields = read_fields(AssetWrite, {**kept, **data} if isinstance(data, dict) else data)
    write_unique(db, _title_taken(), lambda: set_fields(asset, fields))
    return AdminAsset.to_wire(asset)


def delete_asset(db: Session, asset_id) -> None:
    """Soft delete: gone from the store and staff's list. NotFound."""
    _live_asset(db, asset_id, lock=True).deleted_at = now()
