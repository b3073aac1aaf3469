"""``python -m deploy.supervise PROCESS``, what `make run` gives honcho for
each Procfile line: a process that dies is started again; a stop signal to
the process group, as honcho sends it, stops the process and the supervisor."""

import os
import signal
import subprocess
import sys

import pytest

from tests.support.suite import ROOT, wait_until

# Starts processes of its own.
pytestmark = pytest.mark.suite


def supervise(tmp_path, command: str, name: str = "worker") -> subprocess.Popen:
    procfile = tmp_path / "Procfile"
    procfile.write_text(f"# a comment: not a process\nworker: {command}\n")
    return subprocess.Popen(
        [sys.executable, "-m", "deploy.supervise", name],
        cwd=ROOT,
        env={**os.environ, "PROCFILE": str(procfile)},
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a group of its own, as honcho starts it
    )


def stop_group(supervisor: subprocess.Popen) -> int:
    os.killpg(supervisor.pid, signal.SIGTERM)
    return supervisor.wait(10)


def test_a_process_that_dies_is_started_again(tmp_path):
    runs = tmp_path / "runs"
    supervisor = supervise(tmp_path, f"sh -c 'echo run >> {runs}; exit 3'")
    try:
        wait_until(lambda: runs.exists() and len(runs.read_text().split()) >= 2, 10, message="a second run")
    finally:
        stop_group(supervisor)
    assert "worker exited with 3; starting it again in 1 s" in supervisor.stderr.read()


def test_a_stop_signal_stops_the_process_and_its_supervisor(tmp_path):
    runs = tmp_path / "runs"
    supervisor = supervise(tmp_path, f"sh -c 'echo run >> {runs}; exec sleep 60'")
    wait_until(runs.exists, 10, message="the process to start")
    assert stop_group(supervisor) == 128 + signal.SIGTERM
    assert runs.read_text().split() == ["run"], "not started again"
    assert supervisor.stderr.read() == ""


def test_an_unknown_process_is_refused(tmp_path):
    supervisor = supervise(tmp_path, "true", name="other")
    assert supervisor.wait(10) != 0
    assert "no process 'other'" in supervisor.stderr.read()
