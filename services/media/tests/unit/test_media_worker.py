"""The worker's and the service's entrypoints, with their dependencies replaced."""

import pytest
from nameko.containers import ServiceContainer
from nameko.events import EventHandler
from nameko.testing.services import worker_factory

from deploy.bootstrap import EVENT_QUEUES
from media.service import MediaService
from media.worker import TranscodeWorker
from shared.events import MEDIA_UPLOADED, event_queue_name


class FakeSession:
    def __init__(self, log):
        self.log = log

    def commit(self):
        self.log.append("commit")

    def rollback(self):
        self.log.append("rollback")


def test_the_job_is_marked_processing_and_committed_before_it_runs(monkeypatch):
    log = []
    monkeypatch.setattr("media.jobs.start", lambda db, payload: log.append("start"))
    monkeypatch.setattr(
        "media.failures.failed_events.handle",
        lambda db, event_type, payload, handlers: log.append(("handle", event_type, sorted(handlers))),
    )
    service = worker_factory(TranscodeWorker, db=FakeSession(log))
    service.handle_media_uploaded({"eventId": "e"})
    # The kit commits the job's result (or its failure record) when the handler returns.
    assert log == ["start", "commit", ("handle", MEDIA_UPLOADED, [MEDIA_UPLOADED]), "commit"]


def test_a_failure_that_could_not_be_recorded_reaches_nameko_for_requeue(monkeypatch):
    def database_down(*args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr("media.jobs.start", database_down)
    service = worker_factory(TranscodeWorker, db=FakeSession([]))
    with pytest.raises(ConnectionError):
        service.handle_media_uploaded({"eventId": "e"})


def test_the_worker_takes_one_job_at_a_time_from_the_queue_bootstrap_declares():
    import yaml

    from tests.support.suite import ROOT

    config = yaml.safe_load((ROOT / "services/media/worker.yml").read_text())
    assert config["max_workers"] == 1
    container = ServiceContainer(TranscodeWorker, {"AMQP_URI": "memory://", "max_workers": 1})
    handler = next(e for e in container.entrypoints if isinstance(e, EventHandler))
    handler.setup()
    assert handler.requeue_on_error and handler.reliable_delivery
    expected = event_queue_name("media", MEDIA_UPLOADED, "media_worker", "handle_media_uploaded")
    assert handler.queue.name == expected
    assert expected in [event_queue_name(*q) for q in EVENT_QUEUES]


def test_the_worker_works_on_medias_schema():
    assert (TranscodeWorker.name, TranscodeWorker.schema) == ("media_worker", "media")
    assert MediaService.schema is None


def test_an_import_is_committed_and_its_event_published_after_the_reply(monkeypatch):
    log = []
    monkeypatch.setattr("media.objects.import_media", lambda db, storage, *args: log.append("import") or {"id": "m1"})
    monkeypatch.setattr(
        "media.outbox.publish_after_reply", lambda db, publish, aggregate_id: log.append(("publish", aggregate_id))
    )
    service = worker_factory(MediaService, db=FakeSession(log))
    assert service.import_media("lesson", "l1", "/x.mp4") == {"id": "m1"}
    assert log == ["import", "commit"]
    (publish_later,), _ = service.after_reply.call_args
    publish_later()  # as Nameko runs it, once the reply is sent
    assert log == ["import", "commit", ("publish", "m1")]
