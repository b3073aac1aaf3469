"""How long after a 201 from POST /api/orders the enrollment is visible.

Against a running suite (``make run``, or any URL): registers users, has
each buy level-1 and then level-2 (one course per order, so every order
must produce an enrollment), and after each 201 polls GET /api/enrollments
until the course is there. Prints the median, p95 and max delay.

    .venv/bin/python benchmarks/enrollment_delay.py [--url http://127.0.0.1:5000] [--orders 100]

The delay is measured from the moment the 201 is received to the moment a
GET that shows the enrollment returns, so it includes up to one GET's
duration of polling resolution. Bounded: it gives up on an order after
``--timeout`` seconds and stops after ``--orders`` orders.
"""

import argparse
import statistics
import sys
import time
import uuid

import httpx

PASSWORD = "measure-enrollment-delay"
SLUGS = ("level-1", "level-2")


def register(client: httpx.Client) -> None:
    name = f"m{uuid.uuid4().hex[:12]}"
    response = client.post(
        "/api/auth/register", json={"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    )
    response.raise_for_status()


def course_ids(url: str) -> list[str]:
    with httpx.Client(base_url=url, timeout=10) as client:
        return [
            client.get(f"/api/courses/{slug}").raise_for_status().json()["course"]["id"] for slug in SLUGS
        ]


def order_and_wait(client: httpx.Client, course_id: str, timeout: float) -> tuple[float, float, int]:
    """(seconds for the 201, seconds from the 201 to the enrollment, polls)."""
    started = time.perf_counter()
    response = client.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course_id}]})
    if response.status_code != 201:
        raise RuntimeError(f"order failed: {response.status_code} {response.text}")
    created = time.perf_counter()
    polls = 0
    while time.perf_counter() - created < timeout:
        polls += 1
        enrollments = client.get("/api/enrollments").raise_for_status().json()["enrollments"]
        if any(e["courseId"] == course_id for e in enrollments):
            return created - started, time.perf_counter() - created, polls
    raise RuntimeError(f"no enrollment {timeout}s after the order")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:5000")
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=10.0, help="per order, seconds")
    args = parser.parse_args(argv)

    courses = course_ids(args.url)
    order_ms, delay_ms, polls = [], [], []
    while len(delay_ms) < args.orders:
        with httpx.Client(base_url=args.url, timeout=30) as client:
            register(client)
            for course_id in courses[: args.orders - len(delay_ms)]:
                took, delay, tries = order_and_wait(client, course_id, args.timeout)
                order_ms.append(took * 1000)
                delay_ms.append(delay * 1000)
                polls.append(tries)

    def line(name, values):
        return (
            f"{name:<24} median {statistics.median(values):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms"
            f"   max {max(values):7.1f} ms"
        )

    print(f"{len(delay_ms)} orders against {args.url}")
    print(line("POST /api/orders (201)", order_ms))
    print(line("201 -> enrollment seen", delay_ms))
    print(f"polls per order: median {statistics.median(polls):.0f}, max {max(polls)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
