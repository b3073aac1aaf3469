"""Each process's broker permissions (deploy/broker_users.py), as RabbitMQ
reads them: a regular expression over resource names and routing keys."""

import re

import pytest

from deploy import broker_users
from shared.events import event_queue_name
from shared.settings import Settings
from tests.support.suite import read_procfile


def allows(pattern: str, name: str) -> bool:
    return bool(pattern) and re.search(pattern, name) is not None


def test_every_procfile_process_has_a_user_and_a_setting_for_its_uri():
    names = {user.name for user in broker_users.USERS}
    assert {process.replace("-", "_") for process in read_procfile()} == names
    assert {f"{name}_amqp_uri" for name in names} <= set(Settings.model_fields)


def test_a_service_reaches_its_own_queues_and_no_other():
    learning = broker_users.user_named("learning").permissions()
    own = [
        "rpc-learning",
        "rpc.reply-learning-5b1f0c8e-2d5f-4f6e-9a61-0d7e3c1a2b4c",
        event_queue_name("commerce", "order_completed", "learning", "handle_order_completed"),
    ]
    others = [
        "rpc-commerce",
        "rpc-learning2",
        "rpc.reply-gateway-5b1f0c8e-2d5f-4f6e-9a61-0d7e3c1a2b4c",
        event_queue_name("commerce", "order_completed", "notifications", "handle_order_completed"),
        event_queue_name("media", "media_ready", "learning", "handle_media_ready"),
    ]
    for kind in ("configure", "write", "read"):
        assert all(allows(learning[kind], name) for name in own), kind
        assert not any(allows(learning[kind], name) for name in others), kind


def test_a_service_publishes_to_its_own_events_and_binds_from_its_sources():
    learning = broker_users.user_named("learning").permissions()
    assert allows(learning["write"], "learning.events")
    assert not allows(learning["write"], "commerce.events")
    assert allows(learning["read"], "commerce.events")
    assert not allows(learning["read"], "media.events")


@pytest.mark.parametrize(
    ("user", "key", "allowed"),
    [
        ("learning", "catalog.get_courses", True),
        ("learning", "media.import_media", False),
        ("learning", "5b1f0c8e-2d5f-4f6e-9a61-0d7e3c1a2b4c", True),  # a reply
        ("gateway", "commerce.create_order", True),
        ("gateway", "5b1f0c8e-2d5f-4f6e-9a61-0d7e3c1a2b4c", False),  # answers no call
        ("media_worker", "auth.login", False),
    ],
)
def test_on_the_rpc_exchange_a_user_sends_only_its_calls_and_replies(user, key, allowed):
    topic = broker_users.user_named(user).topic_permissions()
    assert topic["exchange"] == "nameko-rpc"
    assert allows(topic["write"], key) is allowed


def test_an_empty_list_of_names_allows_nothing():
    # RabbitMQ reads "" as no access, where "^()$" would allow an empty name.
    assert broker_users._anchored([]) == ""


def test_a_uri_naming_another_user_is_refused():
    with pytest.raises(ValueError, match="learning"):
        broker_users.apply("http://guest:guest@127.0.0.1:1", {"learning": "amqp://auth:x@127.0.0.1:5672/"}, timeout=0)
