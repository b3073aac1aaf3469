"""Latency of the gateway, with and without an RPC behind it, in one run.

Usage: python benchmarks/gateway_latency.py [BASE_URL] [REQUESTS]

Prints p50/p95/max of GET /api/health (no RPC), GET /api/courses (one RPC to
catalog) and GET /api/auth/me (one RPC to auth), sequentially, then the
throughput of /api/courses with 16 concurrent clients. Compare the ratios:
the machine is shared, so absolute figures vary from run to run.
"""

import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx


def timed(client: httpx.Client, path: str, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return samples


def summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"{name:<22} p50 {statistics.median(ordered):6.2f} ms   p95 {p95:6.2f} ms   max {ordered[-1]:6.2f} ms"


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    with httpx.Client(base_url=base, timeout=30) as client:
        name = f"bench{uuid.uuid4().hex[:10]}"
        client.post(
            "/api/auth/register", json={"username": name, "email": f"{name}@example.com", "password": "benchmark-pw"}
        ).raise_for_status()
        timed(client, "/api/courses", 50)  # warm up
        results = {path: timed(client, path, count) for path in ("/api/health", "/api/courses", "/api/auth/me")}
    for path, samples in results.items():
        print(summary(path, samples))
    rpc_cost = statistics.median(results["/api/courses"]) - statistics.median(results["/api/health"])
    print(f"one RPC adds ~{rpc_cost:.2f} ms at the median")

    def worker(_):
        with httpx.Client(base_url=base, timeout=30) as client:
            return timed(client, "/api/courses", count // 4)

    started = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        samples = [s for batch in pool.map(worker, range(16)) for s in batch]
    elapsed = time.perf_counter() - started
    print(summary("/api/courses x16", samples))
    print(f"throughput {len(samples) / elapsed:.0f} requests/s with 16 concurrent clients")


if __name__ == "__main__":
    main()
