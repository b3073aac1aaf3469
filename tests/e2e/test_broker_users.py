"""The suite on one RabbitMQ user per process (deploy/broker_users.py), as
docker-compose.yml and the Kubernetes manifests run it: everything works, and
a process's user can touch nothing of another's.

On a private node with the management plugin (the users are made through its
API, as deploy/bootstrap.py makes them); the suite is the test's own.
"""

import asyncio
import os
import secrets
import subprocess
import sys
from urllib.parse import quote

import aio_pika
import aiormq
import httpx
import pytest

from deploy import broker_users
from tests.support.api_client import ApiClient
from tests.support.broker import PrivateBroker
from tests.support.environment import drop_private_database, private_database
from tests.support.media import import_lesson_video, wait_catalog_shows_ready, wait_transcoded
from tests.support.suite import ROOT, read_procfile, running_suite, wait_until

pytestmark = [
    pytest.mark.suite,
    pytest.mark.skipif(not PrivateBroker.available(), reason="rabbitmq-server is not installed"),
]


def user_of(process: str) -> str:
    return process.replace("-", "_")


def broker_processes() -> list[str]:
    """The Procfile's processes that use the broker (not the local SMTP server)."""
    return [process for process in read_procfile() if process not in broker_users.NO_BROKER]


@pytest.fixture(scope="module")
def broker():
    node = PrivateBroker(management=True)
    node.start()
    yield node
    node.close()


@pytest.fixture(scope="module")
def passwords():
    return {user.name: secrets.token_urlsafe(24) for user in broker_users.USERS}


def uri_of(broker, user: str, password: str) -> str:
    return f"amqp://{user}:{quote(password, safe='')}@127.0.0.1:{broker.port}/"


@pytest.fixture(scope="module")
def users_suite(database, broker, passwords):
    uris = {name: uri_of(broker, name, password) for name, password in passwords.items()}
    # A database of its own: the test imports a lesson video, which must not
    # change the lessons the session's suite serves to other tests.
    settings = {"BROKER_QUORUM_QUEUES": "true"}  # as production runs: the permissions hold for quorum queues
    env = private_database(broker.amqp_uri, "broker_users", settings=settings)
    # As the migrate step of docker-compose.yml runs it: the broker's
    # administrator (guest here) in AMQP_URI, each process's URI beside it.
    bootstrap_env = {
        **os.environ,
        **env,
        "RABBITMQ_MANAGEMENT_URL": broker.management_url,
        **{f"{name.upper()}_AMQP_URI": uri for name, uri in uris.items()},
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "deploy.bootstrap"], cwd=ROOT, env=bootstrap_env, capture_output=True, text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "broker users gateway, auth, catalog, learning, commerce, media, media_worker, notifications" in done.stdout
        process_env = {process: {"AMQP_URI": uris[user_of(process)]} for process in broker_processes()}
        with running_suite("broker-users", broker.amqp_uri, env, process_env=process_env) as suite:
            yield suite
    finally:
        drop_private_database(env)


def connections_by_user(broker) -> dict[str, int]:
    response = httpx.get(broker.management_url.replace("guest:guest@", "") + "/api/connections", auth=("guest", "guest"))
    response.raise_for_status()
    counts: dict[str, int] = {}
    for connection in response.json():
        counts[connection["user"]] = counts.get(connection["user"], 0) + 1
    return counts


def test_every_process_connects_as_its_own_user(users_suite, broker):
    expected = {user_of(process) for process in broker_processes()}
    # The management API's connection list lags the connections by a few seconds.
    counts = wait_until(
        lambda: (counts := connections_by_user(broker)) and expected <= set(counts) and counts,
        30, interval=0.5, message="a connection of every process's user",
    )
    assert set(counts) - {"guest"} == expected


def test_the_suite_works_on_its_own_users(users_suite, tmp_path):
    """Calls from the gateway and between services, events through outboxes,
    the media pipeline: every path a user's permissions must allow."""
    with ApiClient(users_suite.url) as client:
        client.register()
        assert client.get("/api/auth/me").status_code == 200
        course = client.buy_course("level-1")  # commerce -> catalog, order_completed -> learning
        lesson = course["lessons"][0]
        enrollment = next(
            e for e in client.get("/api/enrollments").json()["enrollments"] if e["courseId"] == course["course"]["id"]
        )
        response = client.post(
            "/api/progress", json={"enrollmentId": enrollment["id"], "lessonId": lesson["id"], "completed": True}
        )
        assert response.status_code == 200, response.text
        # media -> media_worker and catalog (media_uploaded, media_ready).
        media = import_lesson_video(tmp_path, lesson["id"], seconds=2, amqp_uri=users_suite.amqp_uri)
        assert wait_transcoded(media["id"], amqp_uri=users_suite.amqp_uri)["status"] == "ready"
        wait_catalog_shows_ready(client, "level-1", [lesson["id"]])


async def refused(uri: str, action) -> bool:
    """Whether the broker refuses ``action(channel)`` for the user of ``uri``."""
    connection = await aio_pika.connect(uri, timeout=10)
    try:
        channel = await connection.channel()
        try:
            await action(channel)
            # A refused publish closes the channel a moment later: ask
            # something of it to hear the refusal.
            await asyncio.sleep(0.2)
            await channel.declare_exchange(broker_users.RPC_EXCHANGE, aio_pika.ExchangeType.TOPIC, passive=True)
        except (aiormq.exceptions.ChannelAccessRefused, aio_pika.exceptions.ChannelInvalidStateError):
            return True
        return False
    finally:
        await connection.close()


async def publish(channel, exchange_name: str, routing_key: str) -> None:
    exchange = await channel.get_exchange(exchange_name, ensure=False)
    await exchange.publish(aio_pika.Message(b"{}"), routing_key=routing_key)


async def consume(channel, queue_name: str) -> None:
    async def ignore(message):
        pass

    queue = await channel.get_queue(queue_name, ensure=False)
    await queue.consume(ignore)


@pytest.mark.parametrize(
    ("user", "what", "action"),
    [
        ("learning", "call media.import_media", lambda ch: publish(ch, "nameko-rpc", "media.import_media")),
        ("learning", "take commerce's calls", lambda ch: consume(ch, "rpc-commerce")),
        ("learning", "publish commerce's events", lambda ch: publish(ch, "commerce.events", "order_completed")),
        ("catalog", "take learning's events", lambda ch: consume(ch, "evt-commerce-order_completed--learning.handle_order_completed")),
        ("catalog", "declare auth's queue", lambda ch: ch.declare_queue("rpc-auth", durable=True)),
        ("gateway", "publish media's events", lambda ch: publish(ch, "media.events", "media_ready")),
        ("gateway", "take auth's calls", lambda ch: consume(ch, "rpc-auth")),
        ("media_worker", "call auth", lambda ch: publish(ch, "nameko-rpc", "auth.login")),
        ("auth", "delete learning's event exchange", lambda ch: ch.exchange_delete("commerce.events")),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_user_cannot_touch_what_is_not_its_own(users_suite, broker, passwords, user, what, action):
    assert asyncio.run(refused(uri_of(broker, user, passwords[user]), action)), f"{user} may {what}"


# Routing keys that the users may publish but that no queue is bound to
# (rpc-<service> binds "<service>.*", one word after the dot), so that
# nothing is delivered.
@pytest.mark.parametrize(
    ("user", "action"),
    [
        ("learning", lambda ch: publish(ch, "nameko-rpc", "catalog.not.routed")),
        ("gateway", lambda ch: publish(ch, "nameko-rpc", "commerce.not.routed")),
        ("commerce", lambda ch: publish(ch, "commerce.events", "not_routed")),
    ],
)
def test_what_a_user_needs_is_allowed(users_suite, broker, passwords, user, action):
    """The counterpart of the refusals above: the same checks pass on what is
    the user's own, so a refusal is the permission's doing."""
    assert not asyncio.run(refused(uri_of(broker, user, passwords[user]), action))


def test_a_process_user_cannot_use_the_management_api(users_suite, broker, passwords):
    base = broker.management_url.replace("guest:guest@", "")
    response = httpx.get(base + "/api/overview", auth=("learning", passwords["learning"]))
    assert response.status_code == 401
