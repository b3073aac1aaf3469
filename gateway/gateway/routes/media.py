"""Playback files (HLS playlists, segments, posters) behind signed URLs,
straight from storage: no RPC per request (gateway.media_urls), served by
gateway.stored_files from a local directory or the bucket."""

import time

from fastapi import APIRouter, Request

from gateway import media_urls, stored_files
from gateway.deps import MediaS3Dep, SessionToken, SettingsDep

router = APIRouter(include_in_schema=False)


@router.get("/media/{media_id}/{expires}/{scope}/{signature}/{path:path}")
async def media_file(
    media_id: str, expires: str, scope: str, signature: str, path: str,
    request: Request, settings: SettingsDep, token: SessionToken, s3: MediaS3Dep,
):
    grant = media_urls.verify(settings, media_id, expires, scope, signature, path, token)
    # Cacheable until the URL expires; a user's files only by that user's browser.
    max_age = max(0, grant.expires - int(time.time()))
    headers = {"Cache-Control": f"{'public' if grant.public else 'private'}, max-age={max_age}"}
    media_type = media_urls.CONTENT_TYPES["." + grant.key.rpartition(".")[2]]
    return await stored_files.serve(request, settings, s3, grant.key, headers, media_type)
