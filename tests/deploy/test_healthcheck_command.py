"""``python -m deploy.healthcheck PROCESS``, the containers' health check, run
as docker compose runs it, against the real suite."""

import os
import subprocess
import sys

import pytest

from shared.settings import SERVICES
from tests.support.environment import can_make_vhosts, private_vhost
from tests.support.suite import ROOT, free_port


def healthcheck(process: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "deploy.healthcheck", process],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize("process", ["gateway", *SERVICES])
def test_every_running_process_is_healthy(suite, process):
    instance = next(p for p in suite.processes[process] if p.poll() is None)
    result = healthcheck(process, PORT=str(instance.port))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{process}: ")


def test_a_service_instance_whose_port_does_not_answer_is_unhealthy(suite):
    result = healthcheck("catalog", PORT=str(free_port()))
    assert result.returncode == 1
    assert "catalog: unhealthy" in result.stderr


@pytest.mark.skipif(not can_make_vhosts(), reason="needs rabbitmqctl for a vhost of its own")
def test_a_service_with_no_running_instance_is_unhealthy(suite):
    empty_vhost = private_vhost(os.environ["AMQP_URI"], "no-services")
    result = healthcheck("catalog", AMQP_URI=empty_vhost, METRICS_PORT="0")
    assert result.returncode == 1
    assert "no running instance of 'catalog'" in result.stderr


def test_no_broker_is_unhealthy_at_once(suite):
    result = healthcheck("auth", AMQP_URI=f"amqp://guest:guest@127.0.0.1:{free_port()}/", METRICS_PORT="0")
    assert result.returncode == 1
    assert "broker unreachable" in result.stderr


def test_gateway_that_does_not_answer_is_unhealthy():
    result = healthcheck("gateway", PORT=str(free_port()))
    assert result.returncode == 1


def test_unknown_process_is_refused():
    result = healthcheck("billing")
    assert result.returncode == 1 and "unknown process" in result.stderr
    assert healthcheck("").returncode == 1
