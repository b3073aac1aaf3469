"""The suite against the monolith it replaces, in one run: ``make bench``.

    .venv/bin/python benchmarks/run.py [--seconds 3] [--rounds 3] [--connections 1,16,64]
                                       [--only courses,enrollments] [--skip-checkout] [--skip-logins]
                                       [--monolith-workers 1]

Starts everything it needs and stops it afterwards: a database of its own
(DATABASE_URL's name + ``_bench``, bootstrapped, migrated and seeded as
`make db-seed` does, dropped at the end), a vhost of AMQP_URI's broker
(AMQP_URI's vhost + ``-bench``, made afresh and deleted at the end), the suite's processes as the Procfile runs
them (tests/support/suite.py), and the reference monolith
(benchmarks/monolith.py: one FastAPI process, or ``--monolith-workers``, on
the same data, the same queries, no broker; the gateway runs GATEWAY_WORKERS
processes, 2 by default). A learner is registered and buys a course and an asset
through the gateway, so that the logged-in reads have rows to join.

Then, for each endpoint and connection count, wrk (Debian's ``wrk``) loads
the suite and the monolith in turn for ``--seconds``, ``--rounds`` times
(interleaved, so that a burst of other load on the machine weighs on both),
and the table gives the median round: requests/s, p50 and p99 of each and
the ratio of requests/s. Everything is on 127.0.0.1 and bounded in time.

After the table: the cost of one RPC hop (p50 of a route with one uncached
call over ``/api/health``, one connection; and the monolith's same lookup,
so that the hop net of the query shows), logins per second against what
bcrypt at the configured cost allows on this machine with the p99 of paced
reads meanwhile and alone (interleaved phases, medians), checkout (POST
/api/orders at 8 connections: p50/p99, errors, and how long until GET
/api/enrollments shows the course), and the broker's connections, channels
and queues on the vhost before, during and after the load (they must not
move). Last, what one RPC costs from Nameko's floor up to catalog's lookup,
without the gateway, with the CPU of each process per call
(benchmarks/rpc_floor.py).
"""

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' support code: the suite as processes, private database and vhost

from tests.support.environment import delete_vhost, drop_private_database, private_database, private_vhost  # noqa: E402
from tests.support.mail import wait_for_mail_to_each  # noqa: E402
from tests.support.suite import Suite, answers, free_port, log_dir_for, wait_until  # noqa: E402

from benchmarks import rpc_floor  # noqa: E402

PASSWORD = "benchmark-password-1"
SESSION_SECRET = "benchmark-session-secret"
WRK_THREADS = 2
CHECKOUT_CONNECTIONS = 8
CHECKOUT_ORDERS = 40  # a round: each its own buyer
# A buyer asks for the enrollment this often after the 201: a loop without a
# pause loaded the suite it measured (114 ms of CPU per order against 79).
ENROLLMENT_POLL_SECONDS = 0.005
# Logins at once, each account on its own connection.
LOGIN_CONNECTIONS = 4
# Calls per round of each target of benchmarks/rpc_floor.py.
FLOOR_CALLS = 1000


# -- wrk -------------------------------------------------------------------


def parse_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, connections: int, seconds: float, headers: dict) -> dict:
    """requests/s, p50 and p99 (ms) and the count of non-2xx answers of one wrk run."""
    command = ["wrk", f"-t{min(WRK_THREADS, connections)}", f"-c{connections}", f"-d{int(seconds)}s", "--latency",
               "--timeout", "10s"]  # fmt: skip
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    if len(latency) != 2:
        raise RuntimeError(f"wrk gave no latencies for {url}:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": parse_ms(latency["50"]),
        "p99": parse_ms(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def median_round(rounds: list[dict]) -> dict:
    """The round with the median requests/s (its own p50 and p99)."""
    ordered = sorted(rounds, key=lambda r: r["rps"])
    return ordered[len(ordered) // 2]


# -- the broker --------------------------------------------------------------


def broker_counts(vhost: str) -> dict:
    """Connections, channels and queues of ``vhost`` (rabbitmqctl)."""
    rabbitmqctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"

    def rows(*args):
        out = subprocess.run([rabbitmqctl, "-q", *args], capture_output=True, text=True, check=True, timeout=60)
        return [line for line in out.stdout.splitlines() if line.strip()]

    connections = [r for r in rows("list_connections", "vhost") if r.strip() == vhost]
    channels = [r for r in rows("list_channels", "vhost") if r.strip() == vhost]
    queues = rows("list_queues", "-p", vhost, "name")
    return {"connections": len(connections), "channels": len(channels), "queues": len(queues),
            "queue_names": sorted(queues)}  # fmt: skip


class BrokerWatch:
    """Samples the vhost's counts while the load runs; the largest seen."""

    def __init__(self, vhost: str):
        self.vhost = vhost
        self.peak = {"connections": 0, "channels": 0, "queues": 0}
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(2.0):
            counts = broker_counts(self.vhost)
            self.samples += 1
            self.peak = {k: max(v, counts[k]) for k, v in self.peak.items()}

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()


# -- the data the logged-in reads need -----------------------------------------


def register(client: httpx.Client) -> dict:
    name = f"b{uuid.uuid4().hex[:12]}"
    response = client.post(
        "/api/auth/register", json={"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    )
    response.raise_for_status()
    return response.json()["user"]


def prepare_learner(url: str, cookie_name: str) -> str:
    """A learner who bought level-1 and the first asset (the enrollment seen): the cookie header."""
    with httpx.Client(base_url=url, timeout=30) as client:
        register(client)
        course_id = client.get("/api/courses/level-1").raise_for_status().json()["course"]["id"]
        asset_id = client.get("/api/assets").raise_for_status().json()["assets"][0]["id"]
        client.post(
            "/api/orders",
            json={"items": [{"itemType": "course", "itemId": course_id}, {"itemType": "asset", "itemId": asset_id}]},
        ).raise_for_status()
        wait_until(lambda: client.get("/api/enrollments").json()["enrollments"], 10, message="the enrollment")
        return f"{cookie_name}={client.cookies[cookie_name]}"


# -- checkout and logins (asyncio + httpx: each request is a different user or item) --


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


async def checkout(suite: Suite, buyers: int) -> dict:
    """``buyers`` learners, CHECKOUT_CONNECTIONS at a time, each buys level-2:
    the 201's latency, then the delay until its enrollment shows. The buyers
    register first and their welcome mails are sent before the first order;
    it returns once every receipt is sent, so that nothing of one round runs
    into what comes next."""
    limits = httpx.Limits(max_connections=1)
    clients = [httpx.AsyncClient(base_url=suite.url, timeout=30, limits=limits) for _ in range(buyers)]
    try:
        emails = []
        for client in clients:
            name = f"c{uuid.uuid4().hex[:12]}"
            emails.append(f"{name}@example.com")
            (await client.post("/api/auth/register",
                               json={"username": name, "email": emails[-1], "password": PASSWORD})
             ).raise_for_status()  # fmt: skip
        await asyncio.to_thread(wait_for_mail_to_each, suite.mail_dir, emails, 1)
        course_id = (await clients[0].get("/api/courses/level-2")).json()["course"]["id"]
        latencies, delays, errors = [], [], 0
        gate = asyncio.Semaphore(CHECKOUT_CONNECTIONS)

        async def buy(client):
            nonlocal errors
            async with gate:
                started = time.perf_counter()
                response = await client.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course_id}]})
                created = time.perf_counter()
                if response.status_code != 201:
                    errors += 1
                    return
                latencies.append((created - started) * 1000)
                deadline = created + 10
                while time.perf_counter() < deadline:
                    enrollments = (await client.get("/api/enrollments")).json()["enrollments"]
                    if any(e["courseId"] == course_id for e in enrollments):
                        delays.append((time.perf_counter() - created) * 1000)
                        return
                    await asyncio.sleep(ENROLLMENT_POLL_SECONDS)
                errors += 1

        await asyncio.gather(*(buy(client) for client in clients))
        await asyncio.to_thread(wait_for_mail_to_each, suite.mail_dir, emails, 2)  # the welcome mail and the receipt
    finally:
        for client in clients:
            await client.aclose()
    return {
        "orders": len(latencies), "errors": errors,
        "p50": statistics.median(latencies) if latencies else None,
        "p99": percentile(latencies, 0.99) if latencies else None,
        "enrolled_p50": statistics.median(delays) if delays else None,
    }  # fmt: skip


def checkout_rounds(suite: Suite, buyers: int, rounds: int) -> dict:
    """``rounds`` of ``checkout``: the orders and errors of all, the median of each figure."""
    results = [asyncio.run(checkout(suite, buyers)) for _ in range(rounds)]
    return {
        "orders": sum(r["orders"] for r in results), "errors": sum(r["errors"] for r in results),
        **{figure: statistics.median(r[figure] for r in results if r[figure] is not None)
           for figure in ("p50", "p99", "enrolled_p50")},
    }  # fmt: skip


def python_loop_seconds() -> float:
    """The machine's speed today, to compare runs of other days by: the best of three."""
    best = float("inf")
    for _ in range(3):
        started, total = time.perf_counter(), 0
        for number in range(10_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


def bcrypt_per_second(rounds: int, seconds: float = 3.0) -> float:
    """Hashes per second at ``rounds`` with a thread per core (bcrypt releases the GIL)."""
    import bcrypt

    done = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def work():
        nonlocal done
        salt = bcrypt.gensalt(rounds)
        while time.perf_counter() < deadline:
            bcrypt.hashpw(b"benchmark", salt)
            with lock:
                done += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(os.cpu_count() or 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done / (time.perf_counter() - started)


async def paced_reads(url: str, deadline: float) -> list[float]:
    """GET /api/courses every 20 ms until ``deadline``: each one's latency (ms)."""
    samples = []
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            (await client.get("/api/courses")).raise_for_status()
            samples.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.02)
    return samples


async def register_accounts(url: str, count: int) -> list[str]:
    """``count`` new learners: their emails."""
    emails = []
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        for _ in range(count):
            name = f"l{uuid.uuid4().hex[:12]}"
            email = f"{name}@example.com"
            (await client.post("/api/auth/register", json={"username": name, "email": email, "password": PASSWORD})
             ).raise_for_status()  # fmt: skip
            client.cookies.clear()
            emails.append(email)
    return emails


async def logins(url: str, emails: list[str], seconds: float) -> dict:
    """Logins per second for ``seconds``, a connection per account of
    ``emails`` logging in again and again; the p99 of paced reads of
    /api/courses meanwhile."""
    done, errors = 0, 0
    deadline = time.perf_counter() + seconds

    async def login(email):
        nonlocal done, errors
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            while time.perf_counter() < deadline:
                response = await client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
                done, errors = (done + 1, errors) if response.status_code == 200 else (done, errors + 1)

    started = time.perf_counter()
    *_, reads = await asyncio.gather(*(login(email) for email in emails), paced_reads(url, deadline))
    elapsed = time.perf_counter() - started
    return {"per_second": done / elapsed, "errors": errors, "reads_p99": percentile(reads, 0.99) if reads else None}


def login_phases(suite: Suite, seconds: float, rounds: int) -> dict:
    """``rounds`` pairs of phases of ``seconds`` each, interleaved: the paced
    reads alone, then the same reads during logins. Medians of the rounds.
    The accounts are made first, and their welcome mails sent, so that
    neither falls into a phase."""
    emails = asyncio.run(register_accounts(suite.url, LOGIN_CONNECTIONS))
    wait_for_mail_to_each(suite.mail_dir, emails, 1)
    idle, during, rates, errors = [], [], [], 0
    for _ in range(rounds):
        idle.append(percentile(asyncio.run(paced_reads(suite.url, time.perf_counter() + seconds)), 0.99))
        result = asyncio.run(logins(suite.url, emails, seconds))
        during.append(result["reads_p99"])
        rates.append(result["per_second"])
        errors += result["errors"]
    return {"per_second": statistics.median(rates), "errors": errors,
            "reads_p99": statistics.median(during), "idle_p99": statistics.median(idle)}  # fmt: skip


# -- the run -------------------------------------------------------------------


def endpoints(asset_id: str, cookie: str) -> dict[str, tuple[str, dict]]:
    logged_in = {"Cookie": cookie}
    return {
        "courses": ("/api/courses", {}),
        "course": ("/api/courses/level-1", {}),
        "assets": ("/api/assets", {}),
        "asset": (f"/api/assets/{asset_id}", {}),
        "me": ("/api/auth/me", logged_in),
        "enrollments": ("/api/enrollments", logged_in),
        "orders": ("/api/orders", logged_in),
    }


def print_table(results: list[tuple]) -> None:
    print()
    print("| endpoint | conns | suite rps | monolith rps | ratio | suite p50 | monolith p50 | suite p99 | monolith p99 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for path, connections, suite, mono in results:
        flag = " (errors!)" if suite["errors"] or suite["socket_errors"] else ""
        print(f"| GET {path} | {connections} | {suite['rps']:.0f}{flag} | {mono['rps']:.0f} | "
              f"{suite['rps'] / mono['rps']:.2f}x | {suite['p50']:.2f} ms | {mono['p50']:.2f} ms | "
              f"{suite['p99']:.2f} ms | {mono['p99']:.2f} ms |")  # fmt: skip
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", default="1,16,64")
    parser.add_argument("--only", default="", help="endpoints by name: " + ",".join(endpoints("", "")))
    parser.add_argument("--skip-checkout", action="store_true")
    parser.add_argument("--skip-logins", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the suite running until Enter (for py-spy)")
    parser.add_argument("--monolith-workers", type=int, default=1,
                        help="processes of the monolith (the suite's gateway has GATEWAY_WORKERS)")  # fmt: skip
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    connection_counts = [int(c) for c in args.connections.split(",")]

    os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/infinite_studio")
    # Made afresh: a reply queue a previous run's processes left behind lives
    # on for minutes (x-expires) and would move the broker's counts.
    amqp_uri = private_vhost(os.environ.get("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/"), "bench", fresh=True)
    vhost = unquote(urlsplit(amqp_uri).path.lstrip("/"))
    suite_env = {
        "SESSION_SECRET": SESSION_SECRET,
        "SEED_VIDEOS": "false",
        # The throttle's counters in Redis under a prefix of this run, with
        # room for the logins and registrations below.
        "REDIS_KEY_PREFIX": f"bench-{uuid.uuid4().hex[:8]}",
        "LOGIN_LIMIT_PER_ACCOUNT": "100000/minute",
        "LOGIN_LIMIT_PER_ADDRESS": "100000/minute",
        "REGISTER_LIMIT_PER_ADDRESS": "100000/minute",
    }
    os.environ.update(suite_env)
    print("preparing a database of its own (bootstrap, migrations, seed)...", flush=True)
    env = private_database(amqp_uri, "bench")
    suite = monolith = None
    try:
        suite = Suite(log_dir_for("bench"), env={**suite_env, **env})
        suite.start_all()
        port = free_port()
        monolith = subprocess.Popen(
            [str(Path(sys.executable).parent / "uvicorn"), "--factory", "benchmarks.monolith:create_app",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log",
             "--workers", str(args.monolith_workers)],
            cwd=ROOT, env={**os.environ, **env}, start_new_session=True,
        )  # fmt: skip
        monolith_url = f"http://127.0.0.1:{port}"
        wait_until(lambda: answers(monolith_url + "/api/health", timeout=1), 30, message="the monolith")
        from shared.settings import Settings

        cookie = prepare_learner(suite.url, Settings().session_cookie)
        asset_id = httpx.get(suite.url + "/api/assets").json()["assets"][0]["id"]
        chosen = endpoints(asset_id, cookie)
        if args.only:
            chosen = {name: chosen[name] for name in args.only.split(",")}
        for path, headers in chosen.values():  # both answer the same JSON
            ours = httpx.get(suite.url + path, headers=headers).raise_for_status().json()
            theirs = httpx.get(monolith_url + path, headers=headers).raise_for_status().json()
            if ours != theirs:
                print(f"warning: {path} differs between the suite and the monolith")
        if args.keep:
            input(f"suite at {suite.url}, monolith at {monolith_url}; Enter to go on ")

        # Nameko's publishers and the pools behind them grow to what the
        # load asks for on first use: a warm-up at the most connections
        # first, then counts that must stay put.
        for path, headers in chosen.values():
            wrk(suite.url + path, max(connection_counts), 1, headers)
        if not args.skip_checkout:
            asyncio.run(checkout(suite, CHECKOUT_CONNECTIONS))
        if not args.skip_logins:
            asyncio.run(logins(suite.url, asyncio.run(register_accounts(suite.url, LOGIN_CONNECTIONS)), 2.0))
        before = broker_counts(vhost)
        print(f"machine: {os.cpu_count()} cores, 10 million additions in a Python loop in {python_loop_seconds():.2f} s; "
              f"wrk {args.seconds:g} s x {args.rounds} rounds, median round; "
              f"gateway {Settings().gateway_workers} processes, monolith {args.monolith_workers}")  # fmt: skip
        results = []
        with BrokerWatch(vhost) as watch:
            for name, (path, headers) in chosen.items():
                for connections in connection_counts:
                    ours, theirs = [], []
                    for _ in range(args.rounds):
                        ours.append(wrk(suite.url + path, connections, args.seconds, headers))
                        theirs.append(wrk(monolith_url + path, connections, args.seconds, headers))
                    results.append((path, connections, median_round(ours), median_round(theirs)))
                    print(f"  {path} at {connections}: {results[-1][2]['rps']:.0f} vs {results[-1][3]['rps']:.0f} rps",
                          flush=True)
            print_table(results)

            # One uncached call, against the same route without it, at one
            # connection; interleaved rounds, the median of each:
            # /api/orders (one call to commerce) over /api/auth/me (none while
            # the session is kept: the same session work), and a 404 from
            # catalog (no cache holds one) over /api/health. The monolith's
            # same 404 over its own /api/health is what the lookup costs
            # without a hop: the hop net of it is what the hop adds.
            hops = {(suite.url, "/api/health"): {}, (suite.url, "/api/courses/no-such-course"): {},
                    (suite.url, "/api/auth/me"): {"Cookie": cookie}, (suite.url, "/api/orders"): {"Cookie": cookie},
                    (monolith_url, "/api/health"): {}, (monolith_url, "/api/courses/no-such-course"): {}}  # fmt: skip
            rounds = {target: [] for target in hops}
            for _ in range(args.rounds):
                for (base, path), headers in hops.items():
                    rounds[base, path].append(wrk(base + path, 1, args.seconds, headers))
            p50 = {target: median_round(rounds[target])["p50"] for target in hops}
            print()
            for path, floor in (("/api/orders", "/api/auth/me"), ("/api/courses/no-such-course", "/api/health")):
                ours, base = p50[suite.url, path], p50[suite.url, floor]
                print(f"one RPC hop: GET {path} p50 {ours:.2f} ms - GET {floor} p50 {base:.2f} ms "
                      f"= {ours - base:.2f} ms")  # fmt: skip
            hop = p50[suite.url, "/api/courses/no-such-course"] - p50[suite.url, "/api/health"]
            lookup = p50[monolith_url, "/api/courses/no-such-course"] - p50[monolith_url, "/api/health"]
            print(f"  the monolith's same lookup: {p50[monolith_url, '/api/courses/no-such-course']:.2f} ms - "
                  f"{p50[monolith_url, '/api/health']:.2f} ms = {lookup:.2f} ms; the hop net of it: "
                  f"{hop - lookup:.2f} ms")  # fmt: skip

            if not args.skip_logins:
                bcrypt_rounds = Settings().bcrypt_rounds
                allowed = bcrypt_per_second(bcrypt_rounds)
                result = login_phases(suite, max(8.0, args.seconds * 3), args.rounds)
                print(f"logins: {result['per_second']:.1f}/s ({result['errors']} errors) against "
                      f"{allowed:.1f} bcrypt hashes/s at cost {bcrypt_rounds} = {result['per_second'] / allowed:.2f}x; "
                      f"GET /api/courses p99 {result['reads_p99']:.1f} ms meanwhile, {result['idle_p99']:.1f} ms idle "
                      f"(= {result['reads_p99'] / result['idle_p99']:.2f}x; median of {args.rounds} rounds)")  # fmt: skip
            if not args.skip_checkout:
                result = checkout_rounds(suite, CHECKOUT_ORDERS, args.rounds)
                print(f"checkout at {CHECKOUT_CONNECTIONS} connections: {result['orders']} orders, "
                      f"{result['errors']} errors, p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms; "
                      f"enrollment visible {result['enrolled_p50']:.1f} ms p50 after the 201 "
                      f"(median of {args.rounds} rounds of {CHECKOUT_ORDERS} orders)")  # fmt: skip
        after = broker_counts(vhost)
        names_before, names_after = set(before.pop("queue_names")), set(after.pop("queue_names"))
        steady = before == after == {k: max(before[k], v) for k, v in watch.peak.items()}
        print(f"broker on vhost {vhost}: before {before}, peak during ({watch.samples} samples) {watch.peak}, "
              f"after {after}: {'flat' if steady else 'NOT FLAT'}")  # fmt: skip
        if names_before != names_after:
            print(f"  queues gone: {sorted(names_before - names_after)}, new: {sorted(names_after - names_before)}")

        # After the broker's counts: these services add queues of their own.
        floor_services = rpc_floor.start_floor_services(suite.env, suite.log_dir, free_port)
        try:
            pids = {**{process.service: process.pid for process in floor_services},
                    "catalog": suite.processes["catalog"][0].pid}  # fmt: skip
            rpc_floor.print_floor(rpc_floor.measure(amqp_uri, pids, FLOOR_CALLS, args.rounds), FLOOR_CALLS, args.rounds)
        finally:
            for process in floor_services:
                process.terminate()
                process.wait(30)
        return 0
    finally:
        if monolith is not None:
            monolith.terminate()
            monolith.wait(30)
        if suite is not None:
            suite.stop_all()
        drop_private_database(env)
        delete_vhost(amqp_uri)


if __name__ == "__main__":
    sys.exit(main())
