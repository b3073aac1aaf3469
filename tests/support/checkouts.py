"""Checkouts under faults: buyers who keep buying through whatever the test
does to the suite, and the count, from the databases, of what was lost or
applied twice (tests/e2e/test_chaos.py, test_broker_cluster.py)."""

import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import httpx
from sqlalchemy import text

from tests.support.api_client import PASSWORD, unique
from tests.support.suite import wait_until


def new_results() -> dict:
    # timeline: (time.monotonic(), what) of every answer, in order.
    return {"lock": threading.Lock(), "statuses": Counter(), "confirmed": {}, "attempted": set(), "timeline": []}


class Buyers(threading.Thread):
    """One buyer after another: register, then check out level-1 with one
    Idempotency-Key, retried until 201 or the end. Records who was told 201."""

    def __init__(self, url: str, course_id: str, stop: threading.Event, results: dict):
        super().__init__(daemon=True)
        self.url, self.course_id, self.stop, self.results = url, course_id, stop, results

    def run(self) -> None:
        while not self.stop.is_set():
            with httpx.Client(base_url=self.url, timeout=10) as client:
                user_id = self._register(client)
                if user_id:
                    self._buy(client, user_id)

    def _count(self, what: str) -> None:
        with self.results["lock"]:
            self.results["statuses"][what] += 1
            self.results["timeline"].append((time.monotonic(), what))

    def _register(self, client) -> str | None:
        name = unique("chaos")
        while not self.stop.is_set():
            try:
                response = client.post(
                    "/api/auth/register",
                    json={"username": name, "email": f"{name}@example.com", "password": PASSWORD},
                )
            except httpx.HTTPError:
                self._count("register:connection")
                time.sleep(0.2)
                continue
            self._count(f"register:{response.status_code}")
            if response.status_code == 201:
                return response.json()["user"]["id"]
            if response.status_code == 409:  # registered by a try whose answer was lost
                login = client.post("/api/auth/login", json={"email": f"{name}@example.com", "password": PASSWORD})
                if login.status_code == 200:
                    return login.json()["user"]["id"]
            time.sleep(0.2)
        return None

    def _buy(self, client, user_id: str) -> None:
        key = str(uuid.uuid4())
        with self.results["lock"]:
            self.results["attempted"].add(user_id)
        while not self.stop.is_set():
            try:
                response = client.post(
                    "/api/orders",
                    json={"items": [{"itemType": "course", "itemId": self.course_id}]},
                    headers={"Idempotency-Key": key},
                )
            except httpx.HTTPError:
                self._count("order:connection")
                time.sleep(0.2)
                continue
            self._count(f"order:{response.status_code}")
            if response.status_code == 201:
                with self.results["lock"]:
                    self.results["confirmed"][user_id] = response.json()["order"]["id"]
                return
            time.sleep(0.2)


class CheckoutLoad:
    """``buyers`` Buyers threads buying ``course_id`` from ``url``, with a
    clock: ``at(seconds)`` sleeps until that long after the start."""

    def __init__(self, url: str, course_id: str, buyers: int):
        self.results = new_results()
        self._stop = threading.Event()
        self._buyers = [Buyers(url, course_id, self._stop, self.results) for _ in range(buyers)]
        self.started = time.monotonic()
        for buyer in self._buyers:
            buyer.start()

    def at(self, seconds: float) -> None:
        time.sleep(max(0.0, self.started + seconds - time.monotonic()))

    def stop(self) -> float:
        """Stop buying; how long the load ran."""
        self._stop.set()
        for buyer in self._buyers:
            buyer.join(30)
        return time.monotonic() - self.started


def scalar_rows(engine, query: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(text(query), params).all()


@dataclass
class Outcome:
    attempted: int
    confirmed: int
    # Told 201 without exactly one enrollment once the suite settled.
    lost: list = field(default_factory=list)
    # A buyer with two orders, or two enrollments.
    doubled: list = field(default_factory=list)
    # Told 201 with an order id that is not the buyer's order.
    told_other_order: list = field(default_factory=list)
    # Placed for a buyer who never heard the 201 (the 504 said the outcome
    # was unknown): still the only one, and enrolled.
    unconfirmed_placed: list = field(default_factory=list)
    # Orders of nobody who tried.
    strangers: list = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.attempted} checkouts, {self.confirmed} confirmed, {len(self.unconfirmed_placed)} placed "
            f"but unconfirmed at the end, lost {len(self.lost)}, doubled {len(self.doubled)}"
        )


def settle_and_count(engine, results: dict, course_id: str, settle_seconds: float) -> Outcome:
    """Wait until every order has its enrollment (or ``settle_seconds``), then
    count, from the suite's databases (``engine``: a superuser's), what the
    buyers were told against what was applied."""

    def unenrolled() -> list:
        return scalar_rows(
            engine,
            "SELECT o.user_id FROM commerce.orders o"
            " LEFT JOIN learning.enrollments e ON e.user_id = o.user_id AND e.course_id = :course"
            " WHERE e.id IS NULL",
            course=course_id,
        )

    try:
        wait_until(lambda: not unenrolled(), settle_seconds, interval=0.5, message="every order's enrollment")
    except AssertionError as exc:
        raise AssertionError(f"{exc}: {_where_they_stopped(engine, [user for (user,) in unenrolled()])}") from None
    confirmed = results["confirmed"]
    orders = scalar_rows(engine, "SELECT user_id::text, id::text FROM commerce.orders")
    per_user = Counter(user for user, _ in orders)
    enrollments = Counter(
        user for (user,) in scalar_rows(
            engine, "SELECT user_id::text FROM learning.enrollments WHERE course_id = :c", c=course_id
        )
    )
    return Outcome(
        attempted=len(results["attempted"]),
        confirmed=len(confirmed),
        lost=[user for user in confirmed if enrollments[user] != 1],
        doubled=[user for user, count in per_user.items() if count > 1]
        + [user for user, count in enrollments.items() if count > 1],
        told_other_order=[user for user, order in confirmed.items() if (user, order) not in set(orders)],
        unconfirmed_placed=sorted(set(per_user) - set(confirmed)),
        strangers=sorted(set(per_user) - results["attempted"]),
    )


def _where_they_stopped(engine, users: list) -> list:
    """For each order without its enrollment, where its event got to: its
    outbox row in commerce, and in learning whether it was applied or failed."""
    return [
        dict(row._mapping)
        for row in scalar_rows(
            engine,
            "SELECT o.id::text AS order_id, x.id::text AS event_id, x.created_at, x.published_at,"
            " p.processed_at, f.status AS failed_status, f.attempts AS failed_attempts"
            " FROM commerce.orders o LEFT JOIN commerce.outbox x ON x.aggregate_id = o.id"
            " LEFT JOIN learning.processed_events p ON p.event_id = x.id::text"
            " LEFT JOIN learning.failed_events f ON f.event_id = x.id::text"
            " WHERE o.user_id::text = ANY(CAST(:users AS text[]))",
            users=[str(user) for user in users],
        )
    ]
