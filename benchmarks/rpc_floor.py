"""What one RPC costs, from Nameko's floor up to a catalog lookup: ``benchmarks/run.py`` prints it.

The gateway's client (``shared.rpc.RpcClient`` on uvloop) calls, one call at a
time, in interleaved rounds:

- ``bench_nameko.hello``: a service of Nameko as released that returns 1
  (``benchmarks/floor_nameko.py``);
- ``bench_patched.hello``: the same with the kit's patches of Nameko (its
  replies without confirms), ``benchmarks/floor_services.py``;
- ``bench_kit.hello``: the same on the service kit (``shared.service.Service``);
- ``catalog.get_course_by_slug("no-such-course")``: the hop of the benchmark's
  ``/api/courses/no-such-course`` (a query, NotFound), without the gateway.

For each: p50 and p99 of the call, and CPU per call of the process that
answers, of the caller, of the broker and of Postgres (from ``/proc``: the
machine's two cores are the budget, and at one call at a time a hop is CPU).
"""

import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import uvloop

from shared.errors import NotFound
from shared.rpc import RpcClient, ServiceUnavailable

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")
# service name: its class, as `nameko run` names it
FLOOR_SERVICES = {
    "bench_nameko": "benchmarks.floor_nameko:NamekoService",
    "bench_patched": "benchmarks.floor_services:PatchedService",
    "bench_kit": "benchmarks.floor_services:KitService",
}


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of ``pids`` (those still running)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def pids_of(name: str) -> list[int]:
    """Every process whose command is ``name`` (beam.smp, postgres)."""
    found = subprocess.run(["pgrep", "-x", name], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def start_floor_services(env: dict, log_dir: Path, free_port) -> list[subprocess.Popen]:
    """One process of each of FLOOR_SERVICES; ``process.service`` names its service."""
    processes = []
    for service, service_class in FLOOR_SERVICES.items():
        log = open(log_dir / f"{service}.log", "wb")
        processes.append(subprocess.Popen(
            [str(Path(sys.executable).parent / "nameko"), "run", "--config", "services/catalog/config.yml",
             service_class],
            cwd=ROOT, env={**env, "PORT": str(free_port())}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        ))  # fmt: skip
        log.close()
        processes[-1].service = service
    return processes


async def _measure(amqp_uri: str, callee_pids: dict[str, int], calls: int, rounds: int) -> dict:
    targets = {
        "Nameko, returns 1": ("bench_nameko", "hello", ()),
        "Nameko with the kit's patches, returns 1": ("bench_patched", "hello", ()),
        "the service kit, returns 1": ("bench_kit", "hello", ()),
        "catalog.get_course_by_slug, NotFound": ("catalog", "get_course_by_slug", ("no-such-course",)),
    }
    client = RpcClient(amqp_uri, timeout=10)
    await client.start()
    try:
        deadline = time.monotonic() + 60
        for service, method, args in targets.values():
            while True:  # until the service's queue has a consumer
                try:
                    await call(client, service, method, args)
                    break
                except ServiceUnavailable:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{service} did not answer within 60 s (its log: {service}.log)") from None
                    await asyncio.sleep(0.2)
        others = {"broker": pids_of("beam.smp"), "postgres": pids_of("postgres")}
        samples = {name: {"latencies": [], "callee": [], "caller": [], "broker": [], "postgres": []} for name in targets}
        for _ in range(rounds):
            for name, (service, method, args) in targets.items():
                watched = {"callee": [callee_pids[service]], **others}
                before = {part: cpu_seconds(pids) for part, pids in watched.items()}
                caller_before = time.process_time()
                latencies = []
                for _ in range(calls):
                    started = time.perf_counter()
                    await call(client, service, method, args)
                    latencies.append((time.perf_counter() - started) * 1000)
                samples[name]["caller"].append((time.process_time() - caller_before) * 1000 / calls)
                for part, pids in watched.items():
                    samples[name][part].append((cpu_seconds(pids) - before[part]) * 1000 / calls)
                samples[name]["latencies"].append(latencies)
    finally:
        await client.close()
    return {
        name: {
            "p50": statistics.median(statistics.median(round_) for round_ in got["latencies"]),
            "p99": statistics.median(sorted(round_)[int(len(round_) * 0.99)] for round_ in got["latencies"]),
            **{part: statistics.median(got[part]) for part in ("callee", "caller", "broker", "postgres")},
        }
        for name, got in samples.items()
    }  # fmt: skip


async def call(client: RpcClient, service: str, method: str, args: tuple) -> None:
    try:
        await client.call(service, method, *args)
    except NotFound:
        pass  # the lookup's answer


def measure(amqp_uri: str, callee_pids: dict[str, int], calls: int = 1000, rounds: int = 3) -> dict:
    """``{target: {p50, p99, callee, caller, broker, postgres}}`` in ms (CPU per call)."""
    return uvloop.run(_measure(amqp_uri, callee_pids, calls, rounds))


def print_floor(results: dict, calls: int, rounds: int) -> None:
    print()
    print(f"RPC from the gateway's client, one call at a time, {calls} calls x {rounds} rounds (median round); "
          "CPU per call in ms:")  # fmt: skip
    print("| callee | p50 | p99 | callee CPU | caller CPU | broker CPU | postgres CPU |")
    print("|---|---|---|---|---|---|---|")
    for name, got in results.items():
        print(f"| {name} | {got['p50']:.2f} ms | {got['p99']:.2f} ms | {got['callee']:.2f} | {got['caller']:.2f} | "
              f"{got['broker']:.2f} | {got['postgres']:.2f} |")  # fmt: skip
