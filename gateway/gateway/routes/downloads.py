"""What a buyer of an asset downloads, and what the store shows of it.

- ``GET /api/assets/{id}/download``: for a buyer (commerce's
  ``has_purchased``), a signed URL of the asset's pack (gateway.download_urls)
  with its name, size and SHA-256;
- ``GET /downloads/...``: the pack behind such a URL, checked without RPC,
  as an attachment, with Range (a broken download resumes), ETag and the
  checksum headers;
- ``GET /media/previews/{mediaId}.jpg``: an asset's preview image (its
  ``imageUrl``), for anyone; a new preview is a new media id, so each one is
  cacheable for good.

Files come from the media storage as playback files do (gateway.stored_files:
a local directory, or the S3 bucket streamed), with the same headers.
"""

import re

from fastapi import APIRouter, Request

from gateway import download_urls, stored_files
from gateway.deps import CurrentUser, MediaS3Dep, Rpc, SessionToken, SettingsDep
from gateway.media_urls import Grant
from gateway.models import Download
from gateway.openapi import errors
from shared.contracts.media import preview_key
from shared.errors import NotFound, PaymentRequired

router = APIRouter(tags=["assets"])

_PREVIEW = re.compile(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jpg")
PREVIEW_MAX_AGE = 365 * 24 * 3600


@router.get("/api/assets/{asset_id}/download", response_model=Download, responses=errors(401, 402, 404))
async def asset_download(asset_id: str, user: CurrentUser, token: SessionToken, rpc: Rpc, settings: SettingsDep):
    """A signed URL of the asset's pack, for the caller who bought it:
    ``{url, expiresAt, fileName, sizeBytes, sha256}``. The URL lasts 15
    minutes at most and serves the zip to this session only. 401 without a
    session, 402 ``ASSET_NOT_PURCHASED`` for anyone who has not bought it,
    404 an unknown asset (or one that has no file). Its buyers keep it once
    the store no longer lists it; to anyone else it is then unknown."""
    asset = await rpc.call("catalog", "get_asset", asset_id, include_unlisted=True)
    if not await rpc.call("commerce", "has_purchased", user["id"], "asset", asset["id"]):
        if not asset["listed"]:
            raise NotFound("Asset not found", code="ASSET_NOT_FOUND")
        raise PaymentRequired("Buy this asset to download it", code="ASSET_NOT_PURCHASED")
    keys = await rpc.call("media", "get_download", "asset", asset["id"])
    if keys is None:
        raise NotFound("This asset has no file to download yet", code="ASSET_FILE_NOT_FOUND")
    return download_urls.download(settings, keys, user["id"], token)


@router.get("/downloads/{media_id}/{sha256}/{expires}/{user_id}/{signature}/{file_name}", include_in_schema=False)
async def download_file(
    media_id: str, sha256: str, expires: str, user_id: str, signature: str, file_name: str,
    request: Request, settings: SettingsDep, token: SessionToken, s3: MediaS3Dep,
):
    found = download_urls.verify(settings, media_id, sha256, expires, user_id, signature, file_name, token)
    headers = {
        "Cache-Control": "private, no-store",
        "Content-Disposition": f'attachment; filename="{found.file_name}"',
        **download_urls.digest_headers(found.sha256),
    }
    grant = Grant(key=found.key, expires=found.expires, public=False)
    return await _serve(request, settings, s3, grant, headers, "application/zip")


@router.get("/media/previews/{name}", include_in_schema=False)
async def preview_image(name: str, request: Request, settings: SettingsDep, s3: MediaS3Dep):
    match = _PREVIEW.fullmatch(name)
    if match is None:
        raise NotFound("No such preview", code="MEDIA_FILE_NOT_FOUND")
    grant = Grant(key=preview_key(match[1]), expires=0, public=True)
    headers = {"Cache-Control": f"public, max-age={PREVIEW_MAX_AGE}, immutable"}
    return await _serve(request, settings, s3, grant, headers, "image/jpeg")


async def _serve(request: Request, settings, s3, grant: Grant, headers: dict, media_type: str):
    return await stored_files.serve(request, settings, s3, grant.key, headers, media_type)
