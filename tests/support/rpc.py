"""One RPC call to a running service from a (synchronous) test, through the
gateway's own client, so a test sees what the gateway would."""

import asyncio
import contextvars
import os
from concurrent.futures import ThreadPoolExecutor

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

    # A thread of its own: the caller's thread may run an event loop already
    # (Playwright's sync API does). The caller's context goes along: the
    # request id a test sets travels with the call.
    context = contextvars.copy_context()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(context.run, asyncio.run, main()).result()
