"""Staff uploads through the gateway (/api/admin/uploads) on the real suite:
every route with every role; a lesson video sent in chunks, interrupted and
resumed, until the lesson plays it; an asset's pack and preview; the limits;
a corrupt video failing with its reason. Real gateway, media, media-worker,
catalog, storage (a local directory) and ffmpeg."""

import io
import os
import socket
import subprocess
import sys
import uuid
import zipfile
from urllib.parse import urlsplit

import pytest
from PIL import Image

from media import generate
from shared.errors import Forbidden
from shared.settings import get_settings
from tests.support.api_client import ApiClient, unique
from tests.support.rpc import rpc_call
from tests.support.suite import ROOT, wait_until
from tests.support.written import remove_written

pytestmark = pytest.mark.suite

DEADLINE = 120


def make_role(email: str, role: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "auth.admin", email, "--role", role],
        cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def people(suite):
    clients = {"visitor": ApiClient(suite.url)}
    for role in ("learner", "instructor", "admin"):
        clients[role] = ApiClient(suite.url)
        clients[role].register()
        if role != "learner":
            make_role(clients[role].user["email"], role)
    yield clients
    for client in clients.values():
        client.close()


COURSE_PREFIX, ASSET_PREFIX = "uploads-", "UPLOADS TEST "


@pytest.fixture(scope="module")
def owners(people):
    """A published course of this module's own with a preview lesson (anyone
    may open it, so its playback shows), and an asset: what these tests
    upload must not replace the seed's videos and packs, which other tests
    download. Removed at the end (tests/support/written.py)."""
    admin = people["admin"]
    course = admin.post("/api/admin/courses", json={
        "title": "UPLOADS", "slug": unique(COURSE_PREFIX), "description": "Uploaded videos.",
        "shortDescription": "Uploads", "price": "9.00", "level": "09", "duration": "0.1 HOURS",
        "color": "acidGreen", "status": "published",
    })
    assert course.status_code == 201, course.text
    course = course.json()["course"]
    lesson = admin.post(f"/api/admin/courses/{course['id']}/lessons", json={
        "moduleNumber": 1, "moduleName": "One", "lessonNumber": 1, "title": "Uploaded", "duration": 1,
        "preview": True, "status": "published",
    })
    assert lesson.status_code == 201, lesson.text
    asset = admin.post("/api/admin/assets", json={
        "title": unique(ASSET_PREFIX), "description": "Uploaded packs.", "price": "5.00", "category": "textures",
        "fileFormat": "PNG", "color": "signalOrange", "status": "published",
    })
    assert asset.status_code == 201, asset.text
    yield {"lesson": lesson.json()["lesson"], "asset": asset.json()["asset"]}
    remove_written(courses=COURSE_PREFIX, assets=ASSET_PREFIX)


@pytest.fixture(scope="module")
def lesson(owners):
    return owners["lesson"]


@pytest.fixture(scope="module")
def asset(owners):
    return owners["asset"]


def create(client, owner, kind, file_name, size, owner_type=None):
    owner_type = owner_type or ("lesson" if kind == "video" else "asset")
    return client.post(
        "/api/admin/uploads",
        json={"ownerType": owner_type, "ownerId": owner["id"], "kind": kind, "fileName": file_name, "size": size},
    )


def put_chunk(client, upload_id, data, start, total):
    end = start + len(data) - 1
    return client.put(
        f"/api/admin/uploads/{upload_id}", content=data,
        headers={"Content-Range": f"bytes {start}-{end}/{total}", "Content-Type": "application/octet-stream"},
    )


def upload_file(client, owner, kind, file_name, data, chunk) -> dict:
    created = create(client, owner, kind, file_name, len(data))
    assert created.status_code == 201, created.text
    upload = created.json()["upload"]
    for start in range(0, len(data), chunk):
        sent = put_chunk(client, upload["id"], data[start:start + chunk], start, len(data))
        assert sent.status_code == 200, sent.text
        upload = sent.json()["upload"]
    return upload


def wait_finished(client, upload_id) -> dict:
    return wait_until(
        lambda: (u := client.get(f"/api/admin/uploads/{upload_id}").json()["upload"])["status"] in ("ready", "failed")
        and u,
        DEADLINE, interval=0.3, message=f"upload {upload_id} to finish",
    )


def raw_request(url: str, head: str, body: bytes = b"") -> bytes:
    """A request sent by hand, ``body`` perhaps shorter than it declares (a
    client cut off): what the gateway answers before the socket closes."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head.encode() + body)
        if body:
            sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and not body:
                break
        return answer


def a_video(tmp_path, seconds=3) -> bytes:
    path = tmp_path / f"{uuid.uuid4().hex}.mp4"
    generate.title_card(path, f"Upload {uuid.uuid4().hex[:8]}", "e2e", seconds=seconds, height=360)
    return path.read_bytes()


def a_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", f"pack {uuid.uuid4()}\n" * 5000)
        archive.writestr("noise.bin", os.urandom(150_000))
    return out.getvalue()


def a_jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((320, 200), 64).convert("RGB").save(out, "JPEG")
    return out.getvalue()


# -- roles -------------------------------------------------------------------


def test_every_upload_route_refuses_a_visitor_and_a_learner(people, asset):
    admin = people["admin"]
    upload = create(admin, asset, "pack", "roles.zip", 10).json()["upload"]
    calls = [
        ("POST", "/api/admin/uploads", {"json": {"ownerType": "asset", "ownerId": asset["id"], "kind": "pack",
                                                 "fileName": "p.zip", "size": 10}}),
        ("PUT", f"/api/admin/uploads/{upload['id']}", {"content": b"PK\x03\x04012345",
                                                        "headers": {"Content-Range": "bytes 0-9/10"}}),
        ("GET", f"/api/admin/uploads/{upload['id']}", {}),
        ("GET", "/api/admin/uploads", {"params": {"ownerType": "asset", "ownerId": asset["id"]}}),
    ]
    for role, status in (("visitor", 401), ("learner", 403)):
        for method, path, kwargs in calls:
            response = people[role].request(method, path, **kwargs)
            assert response.status_code == status, (role, method, path, response.text)
            if status == 403:
                assert response.json()["code"] == "ROLE_REQUIRED"
    # Not a byte was written for them.
    assert admin.get(f"/api/admin/uploads/{upload['id']}").json()["upload"]["received"] == 0


@pytest.mark.parametrize("role", ["instructor", "admin"])
def test_staff_may_use_every_upload_route(people, asset, role):
    client = people[role]
    data = a_zip()
    created = create(client, asset, "pack", f"{role}.zip", len(data))
    assert created.status_code == 201, created.text
    upload = created.json()["upload"]
    assert {k: upload[k] for k in ("ownerType", "ownerId", "kind", "fileName", "size", "received", "status")} == {
        "ownerType": "asset", "ownerId": asset["id"], "kind": "pack", "fileName": f"{role}.zip",
        "size": len(data), "received": 0, "status": "receiving",
    }
    assert upload["error"] is None and upload["mediaId"] is None and upload["createdAt"].endswith("Z")
    sent = put_chunk(client, upload["id"], data, 0, len(data))
    assert sent.status_code == 200 and sent.json()["upload"]["status"] == "processing", sent.text
    assert client.get(f"/api/admin/uploads/{upload['id']}").status_code == 200
    listed = client.get("/api/admin/uploads", params={"ownerType": "asset", "ownerId": asset["id"]})
    assert listed.status_code == 200 and listed.json()["uploads"][0]["id"] == upload["id"]
    assert wait_finished(client, upload["id"])["status"] == "ready"


def test_media_refuses_a_learner_who_calls_it_directly(people, asset):
    learner = {"id": people["learner"].user["id"], "role": "learner"}
    with pytest.raises(Forbidden):
        rpc_call("media", "create_upload", learner, "asset", asset["id"], "pack", "p.zip", 10)
    with pytest.raises(Forbidden):
        rpc_call("media", "begin_chunk", learner, str(uuid.uuid4()), 0, 9, 10)


# -- a video in chunks, interrupted and resumed ----------------------------------


def test_a_video_in_chunks_survives_an_interruption_and_the_lesson_plays_it(people, lesson, suite, tmp_path):
    instructor = people["instructor"]
    data = a_video(tmp_path)
    chunk = len(data) // 4 + 1
    created = create(instructor, lesson, "video", "Lesson one.mp4", len(data))
    assert created.status_code == 201, created.text
    upload_id = created.json()["upload"]["id"]

    first = put_chunk(instructor, upload_id, data[:chunk], 0, len(data))
    assert first.json()["upload"]["received"] == chunk

    # The second chunk is cut off halfway, as a dropped connection would.
    cookie = "; ".join(f"{name}={value}" for name, value in instructor.cookies.items())
    head = (
        f"PUT /api/admin/uploads/{upload_id} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
        f"Content-Range: bytes {chunk}-{2 * chunk - 1}/{len(data)}\r\nContent-Length: {chunk}\r\n\r\n"
    )
    raw_request(suite.url, head, data[chunk:chunk + chunk // 2])
    status = instructor.get(f"/api/admin/uploads/{upload_id}").json()["upload"]
    assert (status["status"], status["received"]) == ("receiving", chunk)

    # Resent whole, it lands; sent again (its answer lost), it is a 409 that
    # says where to go on.
    assert put_chunk(instructor, upload_id, data[chunk:2 * chunk], chunk, len(data)).status_code == 200
    again = put_chunk(instructor, upload_id, data[chunk:2 * chunk], chunk, len(data))
    assert again.status_code == 409 and again.json()["code"] == "UPLOAD_OFFSET", again.text
    received = again.json()["details"]["received"]
    assert received == 2 * chunk
    for start in range(received, len(data), chunk):
        sent = put_chunk(instructor, upload_id, data[start:start + chunk], start, len(data))
        assert sent.status_code == 200, sent.text
    assert sent.json()["upload"]["status"] == "processing"

    ready = wait_finished(instructor, upload_id)
    assert ready["status"] == "ready", ready["error"]
    media = rpc_call("media", "get_media", ready["mediaId"])
    assert media["sourceSize"] == len(data) and len(media["renditions"]) == 2
    # The lesson plays it: its playback is the new video's, and its playlist serves.
    playback = wait_until(
        lambda: (p := people["visitor"].get(f"/api/lessons/{lesson['id']}").json()["playback"])
        and f"/media/{ready['mediaId']}/" in p["hlsUrl"] and p,
        DEADLINE, interval=0.3, message="the lesson to play the uploaded video",
    )
    master = people["visitor"].get(playback["hlsUrl"])
    assert master.status_code == 200 and "#EXT-X-STREAM-INF" in master.text
    # Its chunks are gone from storage once imported.
    uploads_dir = os.path.join(get_settings().media_root, "uploads", upload_id)
    wait_until(lambda: not os.path.exists(uploads_dir), 10, message="the chunks to be deleted")


def test_a_corrupt_video_fails_with_the_reason(people, lesson):
    admin = people["admin"]
    corrupt = b"\x00\x00\x00\x18ftypmp42" + os.urandom(60_000)
    upload = upload_file(admin, lesson, "video", "broken.mp4", corrupt, chunk=25_000)
    failed = wait_finished(admin, upload["id"])
    assert failed["status"] == "failed" and "probing the source failed" in failed["error"]


# -- packs and previews ---------------------------------------------------------


def test_a_pack_and_a_preview_are_stored_as_the_importer_stores_them(people, asset):
    admin = people["admin"]
    pack = a_zip()
    upload = upload_file(admin, asset, "pack", "textures.zip", pack, chunk=len(pack) // 2 + 1)
    ready = wait_finished(admin, upload["id"])
    assert ready["status"] == "ready", ready["error"]
    download = rpc_call("media", "get_download", "asset", asset["id"])
    assert (download["mediaId"], download["fileName"], download["sizeBytes"]) == (ready["mediaId"], "textures.zip", len(pack))

    image = a_jpeg()
    preview = wait_finished(admin, upload_file(admin, asset, "preview", "cover.jpg", image, chunk=len(image))["id"])
    assert preview["status"] == "ready", preview["error"]
    served = people["visitor"].get(f"/media/previews/{preview['mediaId']}.jpg")
    assert served.status_code == 200 and served.content == image


@pytest.mark.parametrize(
    ("kind", "file_name", "data", "reason"),
    [("pack", "notes.zip", b"just some text\n" * 100, "A pack must be a zip"),
     ("preview", "cover.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>" * 10, "A preview must be a JPEG")],
)
def test_a_file_that_is_not_its_kind_fails_with_the_reason(people, asset, kind, file_name, data, reason):
    admin = people["admin"]
    failed = wait_finished(admin, upload_file(admin, asset, kind, file_name, data, chunk=len(data))["id"])
    assert failed["status"] == "failed" and failed["error"].startswith(reason), failed


# -- limits and bad input ---------------------------------------------------------


def test_a_file_over_the_limit_is_a_413_and_nothing_is_made(people, lesson):
    admin = people["admin"]
    before = admin.get("/api/admin/uploads", params={"ownerType": "lesson", "ownerId": lesson["id"]}).json()
    too_large = create(admin, lesson, "video", "huge.mp4", get_settings().upload_max_bytes + 1)
    assert too_large.status_code == 413 and too_large.json()["code"] == "UPLOAD_TOO_LARGE", too_large.text
    after = admin.get("/api/admin/uploads", params={"ownerType": "lesson", "ownerId": lesson["id"]}).json()
    assert after == before


def test_bad_uploads_are_4xx(people, lesson, asset):
    admin = people["admin"]
    not_for_lesson = create(admin, lesson, "pack", "p.zip", 10, owner_type="lesson")
    assert not_for_lesson.status_code == 400 and not_for_lesson.json()["code"] == "KIND_NOT_FOR_OWNER"
    assert create(admin, asset, "video", "v.mp4", 10, owner_type="asset").status_code == 400
    assert create(admin, {"id": str(uuid.uuid4())}, "video", "v.mp4", 10).status_code == 404
    assert create(admin, {"id": "nope"}, "preview", "c.jpg", 10).status_code == 404
    assert create(admin, asset, "preview", "c.jpg", 0).status_code == 400
    assert create(admin, asset, "sound", "c.jpg", 10).status_code == 400
    assert admin.get(f"/api/admin/uploads/{uuid.uuid4()}").status_code == 404
    assert admin.get("/api/admin/uploads", params={"ownerType": "course"}).status_code == 400

    upload = create(admin, asset, "preview", "c.jpg", 100).json()["upload"]
    path = f"/api/admin/uploads/{upload['id']}"
    for content_range in ("bytes 0-9", "bytes=0-9/100", "0-9/100", "bytes 9-0/100", "bytes 0-100/100"):
        bad = admin.put(path, content=b"0" * 10, headers={"Content-Range": content_range})
        assert bad.status_code == 400 and bad.json()["code"] == "BAD_CONTENT_RANGE", content_range
    assert admin.put(path, content=b"0" * 10).status_code == 400  # no Content-Range
    wrong_total = admin.put(path, content=b"0" * 10, headers={"Content-Range": "bytes 0-9/99"})
    assert wrong_total.status_code == 400
    skipped = admin.put(path, content=b"0" * 10, headers={"Content-Range": "bytes 10-19/100"})
    assert skipped.status_code == 409 and skipped.json()["details"] == {"received": 0}
    assert admin.put(f"/api/admin/uploads/{uuid.uuid4()}", content=b"0" * 10,
                     headers={"Content-Range": "bytes 0-9/100"}).status_code == 404
    assert admin.get(path).json()["upload"]["received"] == 0


def test_a_chunk_over_the_limit_is_refused_before_its_body_is_read(people, asset, suite):
    admin = people["admin"]
    limit = get_settings().upload_chunk_bytes
    upload = create(admin, asset, "pack", "big.zip", 3 * limit).json()["upload"]
    cookie = "; ".join(f"{name}={value}" for name, value in admin.cookies.items())
    for declared in (f"Content-Length: {limit + 1}", "Transfer-Encoding: chunked"):
        head = (
            f"PUT /api/admin/uploads/{upload['id']} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
            f"Content-Range: bytes 0-{limit}/{3 * limit}\r\n{declared}\r\n\r\n"
        )
        # Only the headers are sent: the answer comes without the body.
        answer = raw_request(suite.url, head)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert admin.get(f"/api/admin/uploads/{upload['id']}").json()["upload"]["received"] == 0
