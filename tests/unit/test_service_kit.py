"""The service kit: what every service gets by subclassing ``Service``."""

import importlib
import inspect
import subprocess
import sys
import threading
import time
from types import SimpleNamespace
from unittest.mock import MagicMock, patch

import pytest
from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR, DependencyProvider
from nameko.messaging import QueueConsumer
from kombu import pools
from kombu.exceptions import OperationalError
from nameko.amqp.publish import get_producer
from nameko.rpc import Rpc, RpcConsumer, rpc
from nameko.containers import ServiceContainer
from nameko.testing.services import worker_factory
from nameko.timer import Timer

from shared.errors import DeadlineExceeded
from media.worker import TranscodeWorker
from shared.service import Service, graceful, replies
from shared.service import entrypoints as kits
from shared.service.deadlines import Deadline
from shared.settings import SERVICES, get_settings
from tests.support.suite import ROOT

SERVICE_CLASSES = {
    name: getattr(importlib.import_module(f"{name}.service"), f"{name.capitalize()}Service") for name in SERVICES
}


class FakeSession:
    def __init__(self):
        self.calls = []

    def commit(self):
        self.calls.append("commit")

    def rollback(self):
        self.calls.append("rollback")


class ToyService(Service):
    name = "toy"

    @rpc
    def succeeds(self):
        return "done"

    @rpc
    def fails(self):
        raise ValueError("no")


def test_an_entrypoint_that_returns_is_committed():
    service = worker_factory(ToyService, db=FakeSession())
    assert service.succeeds() == "done"
    assert service.db.calls == ["commit"]


def test_an_entrypoint_that_raises_is_rolled_back():
    service = worker_factory(ToyService, db=FakeSession())
    with pytest.raises(ValueError):
        service.fails()
    assert service.db.calls == ["rollback"]


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_is_declared_the_same_way(name):
    cls = SERVICE_CLASSES[name]
    assert issubclass(cls, Service) and cls.name == name
    own = {attr for attr, value in vars(cls).items() if isinstance(value, DependencyProvider)}
    assert not own & {"db", "logger", "metrics", "request_id", "deadline"}, "the kit gives these"
    assert "ping" in dict(inspect.getmembers(cls))


def test_the_procfile_names_each_service_class():
    procfile = (ROOT / "Procfile").read_text()
    for name, cls in SERVICE_CLASSES.items():
        assert f"{name}.service:{cls.__name__}" in procfile


class FakeReady:
    def __init__(self, ready):
        self._ready = ready

    def ready(self):
        return self._ready


class FakeQueueConsumer:
    """The state of Nameko's ``QueueConsumer`` that the patch reads."""

    on_iteration = graceful._on_iteration
    stop = graceful._stop

    def __init__(self, consumers, ready=True):
        self._consumers = dict.fromkeys(consumers)
        self._consumers_ready = FakeReady(ready)
        self.should_stop = False

    def _cancel_consumers_if_requested(self):
        pass


@pytest.fixture
def original_stop(monkeypatch):
    stopped = []
    monkeypatch.setattr(graceful, "_original_stop", stopped.append)
    return stopped


def test_cancelled_consumers_do_not_stop_the_connection_before_the_container_asks():
    consumer = FakeQueueConsumer(consumers=[])
    consumer.on_iteration()
    # Nameko's own on_iteration would stop here, with workers still running.
    assert consumer.should_stop is False


def test_the_connection_stops_once_the_container_asks_and_no_consumer_is_left(original_stop):
    consumer = FakeQueueConsumer(consumers=["rpc"])
    consumer.stop()
    assert consumer.should_stop is False and original_stop == [consumer]
    consumer._consumers.clear()
    consumer.on_iteration()
    assert consumer.should_stop is True


def test_a_stop_with_every_consumer_gone_leaves_at_once(original_stop):
    consumer = FakeQueueConsumer(consumers=[])
    consumer.stop()
    assert consumer.should_stop is True


class FakeMessage:
    delivery_info = {"routing_key": "toy.succeeds"}


class FakeRequeue:
    def __init__(self):
        self.requeued = []

    def requeue_message(self, message):
        self.requeued.append(message)


class FakeRpcConsumer:
    """The part of Nameko's ``RpcConsumer`` that the reply patch uses."""

    handle_result = replies._handle_result

    def __init__(self):
        self.queue_consumer = FakeRequeue()


@pytest.fixture
def reply_fails(monkeypatch):
    def fail_with(error):
        def send_and_ack(_consumer, _message, _result, _exc_info):
            raise error

        monkeypatch.setattr(replies, "_original_handle_result", send_and_ack)

    return fail_with


def test_a_reply_the_broker_cannot_take_ends_the_worker_and_requeues_the_call(reply_fails):
    reply_fails(OperationalError("[Errno 111] ECONNREFUSED"))
    consumer, message = FakeRpcConsumer(), FakeMessage()
    assert consumer.handle_result(message, "done", None) == ("done", None)
    assert consumer.queue_consumer.requeued == [message]


def test_any_other_failure_to_reply_still_raises(reply_fails):
    reply_fails(TypeError("a bug"))
    with pytest.raises(TypeError):
        FakeRpcConsumer().handle_result(FakeMessage(), "done", None)


class LoggedSession(DependencyProvider):
    """A session that notes its commit and rollback in the call's log (its first argument)."""

    def get_dependency(self, worker_ctx):
        log = worker_ctx.args[0]
        return SimpleNamespace(commit=lambda: log.append("commit"), rollback=lambda: log.append("rollback"))


class AfterReplyToyService(Service):
    name = "toy"
    db = LoggedSession()

    @rpc
    def succeeds(self, log):
        self.after_reply(lambda: log.append("after the reply"))
        self.after_reply(lambda: 1 / 0)  # logged; the next one still runs
        self.after_reply(lambda: log.append("and the next"))
        log.append("method")
        return "done"

    @rpc
    def fails(self, log):
        self.after_reply(lambda: log.append("after the reply"))
        raise ValueError("no")


def run_worker(method_name: str, log: list) -> None:
    """One worker of AfterReplyToyService through Nameko's own lifecycle,
    with a reply that notes when it is sent."""
    container = ServiceContainer(AfterReplyToyService, {"AMQP_URI": "memory://"})
    entrypoint = next(e for e in container.entrypoints if e.method_name == method_name)

    def handle_result(worker_ctx, result, exc_info):
        log.append(("reply", result, exc_info and exc_info[0].__name__))
        return result, exc_info

    container.spawn_worker(entrypoint, (log,), {}, handle_result=handle_result)
    container._worker_pool.waitall()  # Nameko's pool of worker green threads


def test_work_after_the_reply_runs_once_the_reply_is_sent():
    log = []
    run_worker("succeeds", log)
    assert log == ["method", "commit", ("reply", "done", None), "after the reply", "and the next"]


def test_a_call_that_raised_runs_nothing_after_its_reply():
    log = []
    run_worker("fails", log)
    assert log == ["rollback", ("reply", None, "ValueError")]


class ClockedToyService(Service):
    name = "toy"

    @rpc(expected_exceptions=ValueError)
    def succeeds(self):
        return "done"


def test_a_call_past_its_deadline_is_refused_unstarted():
    service = worker_factory(ClockedToyService, db=FakeSession(), deadline=f"{time.time() - 1:.3f}")
    with pytest.raises(DeadlineExceeded) as raised:
        service.succeeds()
    assert raised.value.details == {"service": "toy", "method": "succeeds"}
    assert service.db.calls == [], "no transaction was begun"


@pytest.mark.parametrize("deadline", ["in a minute", None, "soon"])
def test_a_call_within_its_deadline_or_with_none_runs(deadline):
    # Made when the test runs: a value made at collection may have passed by then.
    if deadline == "in a minute":
        deadline = f"{time.time() + 60:.3f}"
    service = worker_factory(ClockedToyService, db=FakeSession(), deadline=deadline)
    assert service.succeeds() == "done"


def test_a_refusal_is_expected_of_every_rpc_entrypoint_and_ping_is_refused_too():
    for method in (ClockedToyService.succeeds, Service.ping):
        (entrypoint,) = getattr(method, ENTRYPOINT_EXTENSIONS_ATTR)
        assert DeadlineExceeded in entrypoint.expected_exceptions
    (entrypoint,) = getattr(ClockedToyService.succeeds, ENTRYPOINT_EXTENSIONS_ATTR)
    assert ValueError in entrypoint.expected_exceptions
    service = worker_factory(ClockedToyService, db=FakeSession(), deadline=f"{time.time() - 1:.3f}")
    with pytest.raises(DeadlineExceeded):
        service.ping()


@pytest.mark.parametrize(("entrypoint", "kept"), [(Rpc(), True), (object(), False)])
def test_only_an_rpc_worker_passes_its_deadline_on(entrypoint, kept):
    worker_ctx = SimpleNamespace(entrypoint=entrypoint, data={"deadline": "1.000", "request_id": "r"})
    Deadline().worker_setup(worker_ctx)
    assert ("deadline" in worker_ctx.data) is kept and worker_ctx.data["request_id"] == "r"


def test_event_handlers_are_never_refused():
    from nameko.events import event_handler

    class Listener(Service):
        name = "listener"

        @event_handler("commerce", "order_completed")
        def handle_order_completed(self, payload):
            return "handled"

    service = worker_factory(Listener, db=FakeSession(), deadline=f"{time.time() - 1:.3f}")
    assert service.handle_order_completed({}) == "handled"


def test_the_patches_are_installed_by_importing_the_kit():
    assert QueueConsumer.on_iteration is graceful._on_iteration
    assert QueueConsumer.stop is graceful._stop
    assert RpcConsumer.handle_result is replies._handle_result


def test_ten_publishers_at_once_share_publisher_connections_connections():
    """kombu's pools, as the kit sets them when imported; real threads (the
    pools block a thread that finds none free), kombu's in-memory broker."""
    limit = get_settings().publisher_connections
    assert pools.get_limit() == limit < 10
    used, published, lock = set(), [], threading.Lock()

    def publish():
        with get_producer("memory://", confirms=False) as producer:
            with lock:
                used.add(id(producer.connection))
                published.append(producer)
            time.sleep(0.02)  # held, as for a confirm

    threads = [threading.Thread(target=publish) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(published) == 10
    assert len(used) <= limit


def test_the_patch_refuses_another_nameko_version():
    graceful.check_version(graceful.PATCHED_NAMEKO_VERSION)
    with pytest.raises(graceful.UnsupportedNameko, match="2.15.0"):
        graceful.check_version("2.15.0")


def test_the_gateway_imports_neither_nameko_nor_eventlet():
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, gateway.app; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'nameko', 'eventlet', 'kombu'}))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert loaded.stdout.strip() == "[]"


def test_the_lock_pins_the_nameko_the_patch_was_checked_against():
    pinned = [line for line in (ROOT / "requirements.lock").read_text().splitlines() if line.startswith("nameko==")]
    assert pinned and pinned[0].split()[0] == f"nameko=={graceful.PATCHED_NAMEKO_VERSION}"


def _entrypoints_of(cls):
    for _, member in inspect.getmembers(cls, callable):
        yield from getattr(member, ENTRYPOINT_EXTENSIONS_ATTR, ())


@pytest.mark.parametrize("cls", [*SERVICE_CLASSES.values(), TranscodeWorker], ids=lambda cls: cls.__name__)
def test_every_entrypoint_is_the_kits_so_its_queue_gets_the_suites_arguments(cls):
    kinds = {type(entrypoint) for entrypoint in _entrypoints_of(cls)}
    assert kits.Rpc in kinds  # ping, at least
    assert kinds <= {kits.Rpc, kits.EventHandler, Timer}, kinds


class ListeningService(Service):
    name = "listening"
    schema = "catalog"  # its db dependency needs a role's URL; nothing connects

    @kits.event_handler("somewhere", "something_happened", reliable_delivery=True)
    def handle_something(self, payload):
        pass


@pytest.fixture
def quorum_queues(monkeypatch):
    monkeypatch.setenv("BROKER_QUORUM_QUEUES", "true")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _queues_after_setup(cls):
    container = ServiceContainer(cls, config={"AMQP_URI": "memory://"})
    container.extensions.all.setup()  # what start() does first, with no broker
    return {
        type(entrypoint): getattr(entrypoint, "rpc_consumer", entrypoint).queue
        for entrypoint in container.entrypoints
        if isinstance(entrypoint, (kits.Rpc, kits.EventHandler))
    }


def test_with_quorum_queues_the_durable_queues_are_quorum_queues(quorum_queues):
    queues = _queues_after_setup(ListeningService)
    assert queues[kits.Rpc].name == "rpc-listening"
    assert queues[kits.Rpc].queue_arguments == {"x-queue-type": "quorum", "x-delivery-limit": 5}
    assert queues[kits.EventHandler].name == "evt-somewhere-something_happened--listening.handle_something"
    # Events are never dropped after some deliveries: no limit.
    assert queues[kits.EventHandler].queue_arguments == {"x-queue-type": "quorum"}


def test_without_the_setting_the_queues_are_nameko_s_own_classic_queues():
    get_settings.cache_clear()
    for queue in _queues_after_setup(ListeningService).values():
        assert not queue.queue_arguments


def test_bootstrap_declares_the_event_queues_as_the_services_do(quorum_queues):
    from deploy.bootstrap import declare_broker_entities

    declared = []
    with patch("deploy.bootstrap.Queue", side_effect=lambda *a, **kw: declared.append(kw) or MagicMock()):
        with patch("deploy.bootstrap.Connection"):
            declare_broker_entities("memory://")
    assert declared and all(kw["queue_arguments"] == {"x-queue-type": "quorum"} for kw in declared)


def test_a_call_the_broker_refuses_is_a_dependency_unavailable():
    """A quorum queue nacks while its new leader is elected (a node died):
    the caller hears that the service is unavailable, not an unexpected error."""
    from shared.errors import DependencyUnavailable
    from shared.service.proxy import _DeadlineProxy

    class Refusing:
        def get_courses(self, *args):
            raise OperationalError("MessageNacked")

    instances = SimpleNamespace(running=lambda service: True)
    proxy = _DeadlineProxy(Refusing(), "catalog", 5, instances)
    with pytest.raises(DependencyUnavailable):
        proxy.get_courses([])


def test_an_event_handled_while_the_broker_is_gone_does_not_end_the_service():
    """The ack fails on the dead connection: logged, not raised (Nameko would
    kill the container); the broker delivers the event again."""

    def ack_message(message):
        raise ConnectionResetError(104, "Connection reset by peer")

    handler = kits.EventHandler("commerce", "order_completed")
    handler.queue_consumer = SimpleNamespace(ack_message=ack_message, requeue_message=ack_message)
    message = SimpleNamespace(delivery_info={"routing_key": "order_completed"})
    assert handler.handle_result(message, worker_ctx=None, result="done") == ("done", None)


def test_a_reply_to_a_service_s_own_call_reaches_its_caller_when_its_ack_fails():
    """The broker died as the reply arrived: the ack fails on the dead
    connection; logged, not raised (Nameko would kill the container)."""
    from nameko.rpc import ReplyListener

    def ack_message(message):
        raise ConnectionResetError(104, "Connection reset by peer")

    listener = ReplyListener()
    listener.queue_consumer = SimpleNamespace(ack_message=ack_message)
    waiting = listener.get_reply_event("call-1")
    listener.handle_message({"result": "priced"}, SimpleNamespace(properties={"correlation_id": "call-1"}))
    assert waiting.wait() == {"result": "priced"}

    def other_failure(message):
        raise ValueError("not the broker")

    listener.queue_consumer = SimpleNamespace(ack_message=other_failure)
    with pytest.raises(ValueError):
        listener.handle_message({}, SimpleNamespace(properties={"correlation_id": "call-2"}))


def test_any_other_failure_to_acknowledge_still_raises():
    def ack_message(message):
        raise ValueError("not a broker error")

    handler = kits.EventHandler("commerce", "order_completed")
    handler.queue_consumer = SimpleNamespace(ack_message=ack_message)
    with pytest.raises(ValueError):
        handler.handle_result(SimpleNamespace(delivery_info={}), worker_ctx=None, result="done")


def test_nameko_s_traceback_of_an_expected_error_is_dropped_and_an_unexpected_one_kept(caplog):
    import logging

    from shared.service.logs import quiet_expected_errors

    quiet_expected_errors()
    quiet_expected_errors()  # once is enough: no second filter
    containers = logging.getLogger("nameko.containers")
    assert len(containers.filters) == 1
    try:
        raise ValueError("boom")
    except ValueError as exc:
        containers.warning("(expected) error handling worker %s: %s", "ctx", exc, exc_info=True)
        containers.exception("error handling worker %s: %s", "ctx", exc)
    assert [record.getMessage() for record in caplog.records if record.name == "nameko.containers"] == [
        "error handling worker ctx: boom"
    ]
