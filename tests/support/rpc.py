"""One RPC call to a running service from a (synchronous) test, through the
gateway's own client, so a test sees what the gateway would."""

import asyncio
import os

from shared.rpc import RpcClient


def rpc_call(service: str, method: str, *args, timeout: float = 30, amqp_uri: str | None = None):
    """``amqp_uri``: a suite of the test's own (by default the session's)."""

    async def main():
        client = RpcClient(amqp_uri or os.environ["AMQP_URI"], timeout=timeout)
        await client.start()
        try:
            return await client.call(service, method, *args)
        finally:
            await client.close()

    return asyncio.run(main())
