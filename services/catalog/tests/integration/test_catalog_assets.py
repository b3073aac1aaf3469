"""Assets on the real database, as the catalog role."""

import re
import uuid
from decimal import Decimal

import pytest

from catalog import assets
from catalog.models import Asset
from shared.errors import NotFound

SPEC_ORDER = [
    "CYBERPUNK TEXTURES VOL. 1",
    "SCI-FI CHARACTER SHEETS",
    "CINEMATIC LUTS PACK",
    "AMBIENT SOUNDSCAPES",
    "NEON CITY BACKGROUNDS",
    "FANTASY CHARACTER PACK",
]


def test_assets_are_listed_in_the_store_order(db):
    listed = assets.list_assets(db)
    assert [asset["title"] for asset in listed] == SPEC_ORDER
    assert [asset["price"] for asset in listed] == ["29.00", "49.00", "19.00", "39.00", "35.00", "59.00"]
    assert all(uuid.UUID(asset["id"]) for asset in listed)


def test_assets_at_the_same_position_are_listed_by_title(db):
    for title in ("ZEBRA PACK", "AARDVARK PACK"):
        db.add(Asset(title=title, description="d", price=Decimal("1"), category="sound",
                             file_format="WAV", color="red-500", position=99, status="published"))
    db.flush()
    titles = [asset["title"] for asset in assets.list_assets(db)]
    assert titles[-2:] == ["AARDVARK PACK", "ZEBRA PACK"]


def test_an_asset_by_id(db):
    cyberpunk = assets.list_assets(db)[0]
    # The seed points it at the preview media stored (deploy/seed.py).
    assert re.fullmatch(r"/media/previews/[0-9a-f-]{36}\.jpg", cyberpunk["imageUrl"])
    assert assets.get_asset(db, cyberpunk["id"]) == {
        "id": cyberpunk["id"],
        "title": "CYBERPUNK TEXTURES VOL. 1",
        "description": "50+ Nano Banana Generated Surfaces",
        "price": "29.00",
        "category": "textures",
        "badge": "NEW",
        "imageUrl": cyberpunk["imageUrl"],
        "fileFormat": "PNG",
        "fileSize": "2.4 GB",
        "color": "purple-500",
    }


@pytest.mark.parametrize("asset_id", [str(uuid.uuid4()), "asset-1", "1"])
def test_an_unknown_or_malformed_asset_id_is_not_found(db, asset_id):
    with pytest.raises(NotFound) as raised:
        assets.get_asset(db, asset_id)
    assert raised.value.code == "ASSET_NOT_FOUND"
