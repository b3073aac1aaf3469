"""gzip for the answers worth it, as Starlette's GZipMiddleware makes it:
over 1 KiB, for a client whose ``Accept-Encoding`` takes gzip, with
``Vary: Accept-Encoding``; the web app's bundles included (compressed as
they are sent; they are cached for a year, gateway.web).

Never for media or downloads (``/media/...``: video segments, playlists,
previews; ``/downloads/...``: asset packs):
they are compressed already or served by byte ranges, and a 206 of a
compressed body would name ranges of bytes that were never sent. A request
with a ``Range`` header anywhere, and any 206, pass through as they are
(Starlette leaves 206s and ``video/*``, audio and images alone too), and so
does an answer that has a ``Content-Encoding`` already (the catalog cache
keeps its own gzip form, gateway.catalog_cache).
"""

from starlette.middleware.gzip import GZipMiddleware

MINIMUM_BYTES = 1024
# Media (segments, playlists, previews) and asset downloads (packs, by ranges).
UNCOMPRESSED = ("/media/", "/downloads/")
# zlib's default: level 9 costs about twice the CPU for a few percent.
LEVEL = 6


class CompressionMiddleware:
    def __init__(self, app):
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=MINIMUM_BYTES, compresslevel=LEVEL)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"].startswith(UNCOMPRESSED) or _has_range(scope):
            return await self.app(scope, receive, send)
        return await self.gzip(scope, receive, send)


def _has_range(scope) -> bool:
    return any(name == b"range" for name, _ in scope.get("headers", ()))
