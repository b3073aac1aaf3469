"""A service of Nameko as released, whose one method returns a constant, for
``benchmarks/rpc_floor.py``. It imports nothing of the suite's, so none of
the service kit's patches of Nameko (``shared.service``) are installed.

    nameko run --config services/catalog/config.yml benchmarks.floor_nameko:NamekoService
"""

from nameko.rpc import rpc


class NamekoService:
    name = "bench_nameko"

    @rpc
    def hello(self):
        return 1
