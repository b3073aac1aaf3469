"""Probing what the pipeline stored."""


def rendition_duration(storage, playlist_key: str, work) -> float:
    """What a stored rendition plays for, probed by ffmpeg: its init segment
    and media segments, in playlist order, read back as one fMP4 file."""
    from media import ffmpeg

    playlist = storage.open(playlist_key).read().decode()
    base = playlist_key.rsplit("/", 1)[0]
    names = [line.split('"')[1] for line in playlist.splitlines() if line.startswith("#EXT-X-MAP:")]
    names += [line for line in playlist.splitlines() if line and not line.startswith("#")]
    joined = work / (playlist_key.replace("/", "_") + ".mp4")
    with open(joined, "wb") as out:
        for name in names:
            with storage.open(f"{base}/{name}") as part:
                out.write(part.read())
    return ffmpeg.probe(joined).duration_seconds
