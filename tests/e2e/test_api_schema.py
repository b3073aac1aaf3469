"""The API against its own OpenAPI document, by schemathesis: generated
requests (valid and not) to every operation, as a visitor and as a logged-in
learner, with every check; any 5xx, any answer the document does not
describe, or a request the document forbids being accepted, fails.

Bounded: a few examples per operation and a deadline per run, so it adds a
minute or two to `make test`; a longer run is `make fuzz`.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.support.api_client import ApiClient

pytestmark = pytest.mark.suite

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
# Operations whose rules JSON Schema cannot state (a password on the leaked
# list, or equal to the username; an email address validated by auth's
# library; a reset token, which only auth knows): a schema-valid body may
# rightly be a 400, so "valid data is accepted" is not checked there. Every
# other check is.
BUSINESS_RULES = {
    ("POST", "/api/auth/register"),
    ("PUT", "/api/auth/profile"),
    ("POST", "/api/auth/password-reset/confirm"),
    ("PUT", "/api/auth/password"),
}


@pytest.fixture(scope="module")
def api_schema(live_url):
    # Requests go to the host the document came from.
    return schemathesis.openapi.from_url(live_url + "/api/openapi.json")


@pytest.fixture(scope="module")
def session_cookie(live_url) -> str:
    """A learner's session, the way the browser holds it."""
    client = ApiClient(live_url)
    client.register()
    cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    client.close()
    return cookie


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def fuzz(api_schema, headers: dict | None = None, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every operation of the document, ``EXAMPLES`` generated cases each,
    every check; the failures by operation. (schemathesis' pytest plugin
    does not load under this pytest: its Python API, driven by hypothesis.)"""
    failures = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.path in skip:
            continue

        excluded = [positive_data_acceptance] if (operation.method.upper(), operation.path) in BUSINESS_RULES else []

        @given(case=operation.as_strategy())
        @FUZZ
        def run(case):
            case.call_and_validate(headers=headers, excluded_checks=excluded)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # failed checks, with the cases that show them
            failures[f"{operation.method.upper()} {operation.path}"] = str(exc)[:2000]
    return failures


def test_as_a_visitor(api_schema):
    failures = fuzz(api_schema)
    assert failures == {}, "\n\n".join(f"{op}: {text}" for op, text in failures.items())


def test_as_a_learner(api_schema, session_cookie):
    # Logging out would end the session the other examples share.
    failures = fuzz(api_schema, headers={"Cookie": session_cookie}, skip=("/api/auth/logout",))
    assert failures == {}, "\n\n".join(f"{op}: {text}" for op, text in failures.items())
