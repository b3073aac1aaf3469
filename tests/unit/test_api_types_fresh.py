"""The web app's API types are generated from the gateway's current OpenAPI
document: a route or model change without ``make api-types`` fails here."""

import subprocess
from pathlib import Path

import pytest

from gateway.openapi import document

WEB = Path(__file__).resolve().parents[2] / "web"
# The version pinned in web/package.json, as npm installed it.
GENERATOR = WEB / "node_modules" / ".bin" / "openapi-typescript"
STALE = "{} is stale: run make api-types and commit web/openapi.json and web/src/api-schema.ts"


def test_the_committed_document_is_the_gateways():
    assert (WEB / "openapi.json").read_text(encoding="utf-8") == document(), STALE.format("web/openapi.json")


@pytest.mark.skipif(not GENERATOR.exists(), reason="web/node_modules is missing (make web installs it)")
def test_the_committed_types_are_generated_from_the_document(tmp_path):
    (tmp_path / "openapi.json").write_text(document(), encoding="utf-8")
    subprocess.run(
        [str(GENERATOR), "openapi.json", "-o", "api-schema.ts"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
    )
    generated = (tmp_path / "api-schema.ts").read_bytes()
    assert (WEB / "src" / "api-schema.ts").read_bytes() == generated, STALE.format("web/src/api-schema.ts")
