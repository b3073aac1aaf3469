"""gateway/serve.py: the metrics directory its workers share. The rest (one
session secret, the sum of the workers' metrics, the stop) is tested on real
processes in tests/e2e/test_gateway_workers.py and test_graceful_stop.py."""

import os

from gateway import serve


def test_a_directory_of_its_own_is_in_the_environment_while_it_serves_and_removed_after(monkeypatch):
    monkeypatch.delenv(serve.MULTIPROC_DIR, raising=False)
    with serve.metrics_directory() as made:
        assert os.environ[serve.MULTIPROC_DIR] == str(made)
        (made / "counter_123.db").write_bytes(b"x")
    assert not made.exists()
    assert serve.MULTIPROC_DIR not in os.environ


def test_the_operators_directory_is_emptied_of_an_earlier_runs_files_and_kept(monkeypatch, tmp_path):
    (tmp_path / "counter_1.db").write_bytes(b"an earlier run")
    (tmp_path / "histogram_2.db").write_bytes(b"an earlier run")
    (tmp_path / "README").write_text("not ours")
    monkeypatch.setenv(serve.MULTIPROC_DIR, str(tmp_path))
    with serve.metrics_directory() as given:
        assert given == tmp_path
        assert sorted(p.name for p in tmp_path.iterdir()) == ["README"]
    assert tmp_path.exists()
