"""Prometheus metrics on the real suite: the gateway's requests and RPC calls
on its /metrics, each service's workers and events on its own port."""

import httpx

from shared.settings import SERVICES
from tests.support.observe import metric_samples, metric_value
from tests.support.rpc import rpc_call
from tests.support.suite import wait_until


def live(suite, name):
    return [process for process in suite.processes[name] if process.poll() is None]


def service_metrics(suite, name):
    return metric_samples(f"http://127.0.0.1:{live(suite, name)[0].port}/metrics")


def gateway_metrics(suite):
    return metric_samples(f"http://127.0.0.1:{live(suite, 'gateway')[0].metrics_port}/metrics")


def test_gateway_serves_metrics_on_its_own_port_and_not_on_the_public_one(suite, api):
    assert any(sample.name == "gateway_requests_total" for sample in gateway_metrics(suite))
    public = api.get("/metrics")
    assert "gateway_requests_total" not in public.text and "# TYPE" not in public.text


def test_gateway_counts_requests_by_route_and_status_and_rpc_calls_by_outcome(suite, api):
    api.register()
    before = gateway_metrics(suite)
    assert api.get("/api/courses").status_code == 200  # from the gateway's cache, or not: no call counted
    assert api.get("/api/auth/me").status_code == 200  # a session not yet resolved: one call to auth
    assert api.get("/api/courses/no-such-course").status_code == 404
    after = gateway_metrics(suite)

    def delta(name, **labels):
        return metric_value(after, name, **labels) - metric_value(before, name, **labels)

    assert delta("gateway_requests_total", method="GET", route="/api/courses", status="200") == 1
    assert delta("gateway_requests_total", method="GET", route="/api/courses/{slug}", status="404") == 1
    assert delta("gateway_request_duration_seconds_count", route="/api/courses/{slug}", status="404") == 1
    rpc = "gateway_rpc_duration_seconds_count"
    assert delta(rpc, service="auth", method="resolve_session", outcome="ok") == 1
    assert delta(rpc, service="catalog", method="get_course_by_slug", outcome="domain_error") == 1
    buckets = [s for s in after if s.name == "gateway_rpc_duration_seconds_bucket"]
    assert buckets and all("le" in s.labels for s in buckets)


def test_each_service_serves_health_and_metrics_on_its_own_port(suite):
    for name in SERVICES:
        port = live(suite, name)[0].port
        health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
        assert health.status_code == 200 and health.json() == {"status": "ok", "service": name}
        assert httpx.get(f"http://127.0.0.1:{port}/nothing", timeout=5).status_code == 404
        samples = metric_samples(f"http://127.0.0.1:{port}/metrics")
        # /api/ready pings every service over RPC
        assert metric_value(samples, "service_workers_total", service=name, method="ping", outcome="ok") >= 1
        assert (
            metric_value(samples, "service_worker_duration_seconds_count", service=name, method="ping") >= 1
        )


def test_service_metrics_count_rpc_outcomes(suite, api):
    labels = {"service": "catalog", "entrypoint": "rpc", "method": "get_course_by_slug"}
    before = service_metrics(suite, "catalog")
    # Straight to catalog: the gateway may answer level-2 from its cache.
    assert rpc_call("catalog", "get_course_by_slug", "level-2")["course"]["slug"] == "level-2"
    assert api.get("/api/courses/no-such-course").status_code == 404
    after = service_metrics(suite, "catalog")
    ok = metric_value(after, "service_workers_total", outcome="ok", **labels) - metric_value(
        before, "service_workers_total", outcome="ok", **labels
    )
    expected = metric_value(
        after, "service_workers_total", outcome="expected_error", **labels
    ) - metric_value(before, "service_workers_total", outcome="expected_error", **labels)
    # One catalog instance in the shared suite; a scaled one would share these.
    assert (ok, expected) == (1, 1)
    assert metric_value(after, "service_workers_in_flight", service="catalog") == 0


def test_learning_counts_the_order_completed_events_it_handles(suite, api):
    labels = {"service": "learning", "entrypoint": "eventhandler", "method": "handle_order_completed"}
    before = metric_value(service_metrics(suite, "learning"), "service_workers_total", outcome="ok", **labels)
    api.register()
    course = api.course("level-1")["course"]
    response = api.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course["id"]}]})
    assert response.status_code == 201, response.text

    def counted():
        samples = service_metrics(suite, "learning")
        return metric_value(samples, "service_workers_total", outcome="ok", **labels) - before >= 1

    wait_until(counted, 20, interval=0.2, message="learning's event metric")
