"""The ``suite`` marker, applied: ``pytest -m "not suite"`` runs the unit and
database tests alone, ``pytest -m suite`` the ones that start processes.

A test is marked when its fixture closure includes a fixture of the session's
suite (``suite``, ``live_url``, ``api``, ``api_factory``). A module whose tests
start processes of their own (``running_suite``, ``Suite``, ``PrivateBroker``)
says so with ``pytestmark = pytest.mark.suite``; a test that is not marked and
starts one anyway fails, so a missing mark cannot go unnoticed.

Its hooks are those of tests/support/fixtures.py, which imports them.
"""

import pytest

SUITE_FIXTURES = frozenset({"suite", "live_url", "api", "api_factory"})

_running = {"item": None}


# tryfirst: the marks must be there before `-m` deselects by them.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if SUITE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.suite)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Remember which test runs (its setup, call and teardown)."""
    _running["item"] = item
    try:
        return (yield)
    finally:
        _running["item"] = None


def require_suite_mark(what: str) -> None:
    """Refuse ``what`` (starting a process) in a test not marked ``suite``;
    outside pytest, and between tests, anything goes."""
    item = _running["item"]
    if item is not None and item.get_closest_marker("suite") is None:
        raise RuntimeError(
            f"{item.nodeid} is {what} but is not marked suite: request the `suite` fixture "
            "or mark its module with `pytestmark = pytest.mark.suite`"
        )
