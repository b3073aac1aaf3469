"""How `make test` spreads the test files over pytest-xdist's workers.

One file's tests go to one worker (``--dist loadfile``), as their module
fixtures start suites. The files that start servers of their own (suites,
RabbitMQ nodes, gateways: PRIVATE_SERVER_MODULES) go to one worker together,
one after another and first of all: two of them at once, beside the other
workers, loaded the two cores so that instances missed their deadlines
(503s, a suite not ready in 90 s). The other files share the other workers.

A plugin of the root conftest.py.
"""

import pytest
from xdist.scheduler import LoadFileScheduling

PRIVATE_SERVER_MODULES = (
    "gateway/tests/integration/test_broker_outage.py",
    "tests/e2e/test_broker_cluster.py",
    "tests/e2e/test_broker_restarts.py",
    "tests/e2e/test_broker_users.py",
    "tests/e2e/test_chaos.py",
    "tests/e2e/test_databases_apart.py",
    "tests/e2e/test_gateway_caches.py",
    "tests/e2e/test_gateway_connections.py",
    "tests/e2e/test_graceful_stop.py",
    "tests/e2e/test_media_broker_restart.py",
    "tests/e2e/test_rate_limits.py",
    "tests/e2e/test_scaling.py",
)
PRIVATE_SERVERS_SCOPE = "private-servers"


def module_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


class PrivateServersTogether(LoadFileScheduling):
    def _split_scope(self, nodeid: str) -> str:
        if module_of(nodeid) in PRIVATE_SERVER_MODULES:
            return PRIVATE_SERVERS_SCOPE
        return super()._split_scope(nodeid)


def private_servers_first(items: list) -> None:
    """Put those files' tests first (in place; each file's order kept), so
    that their long chain starts with the run."""
    items.sort(key=lambda item: module_of(item.nodeid) not in PRIVATE_SERVER_MODULES)


def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist", None) == "loadfile":
        return PrivateServersTogether(config, log)
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    private_servers_first(items)
