"""Services whose one method returns a constant, for ``benchmarks/rpc_floor.py``:
what an RPC costs on the service kit before the method does anything.

    nameko run --config services/catalog/config.yml benchmarks.floor_services:PatchedService
    nameko run --config services/catalog/config.yml benchmarks.floor_services:KitService
"""

from nameko.rpc import rpc as nameko_rpc

from shared.service import Service, rpc  # installs the kit's patches of Nameko


class PatchedService:
    """Nameko with the kit's patches (a reply without confirms, not
    persistent: ``shared.service.replies``), and no dependency."""

    name = "bench_patched"

    @nameko_rpc
    def hello(self):
        return 1


class KitService(Service):
    """The same method on the service kit: its transaction, log line,
    metrics, deadline check and the rest of ``Service``'s dependencies.
    Catalog's role builds its engine; ``hello`` never opens a connection."""

    name = "bench_kit"
    schema = "catalog"

    @rpc
    def hello(self):
        return 1
