"""A private RabbitMQ node, for tests that stop or restart the broker.

The machine's broker is shared (and CI runs against it right after), so such
tests get a node of their own: its own name, port and data directory, killed
by the process group we started, never by name.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.markers import require_suite_mark


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateBroker:
    def __init__(self, management: bool = False, name_prefix: str = "test"):
        self.port = _free_port()
        self.dist_port = _free_port()
        # The management plugin (its HTTP API on management_url), for tests
        # that create users; off by default, as it slows the start.
        self.management_port = _free_port() if management else None
        self.base = Path(tempfile.mkdtemp(prefix="rabbit-"))
        self.name = f"{name_prefix}-{self.port}@localhost"
        # Lines added to its rabbitmq.conf (a cluster's peer discovery).
        self.extra_config = ""
        self.process = None
        self.amqp_uri = f"amqp://guest:guest@127.0.0.1:{self.port}/"
        self.management_url = f"http://guest:guest@127.0.0.1:{self.management_port}" if management else None

    @staticmethod
    def available() -> bool:
        return shutil.which("rabbitmq-server") is not None or Path("/usr/sbin/rabbitmq-server").exists()

    def _environment(self) -> dict:
        config = f"listeners.tcp.local = 127.0.0.1:{self.port}\nloopback_users = none\n"
        plugins = "[]"
        if self.management_port:
            config += f"management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = {self.management_port}\n"
            plugins = "[rabbitmq_management]"
        (self.base / "rabbitmq.conf").write_text(config + self.extra_config)
        (self.base / "enabled_plugins").write_text(plugins + ".\n")
        for folder in ("mnesia", "log"):
            (self.base / folder).mkdir(exist_ok=True)
        if os.geteuid() == 0:  # the server drops to the rabbitmq user
            shutil.chown(self.base, "rabbitmq", "rabbitmq")
            for path in self.base.rglob("*"):
                shutil.chown(path, "rabbitmq", "rabbitmq")
        return {
            **os.environ,
            "RABBITMQ_NODENAME": self.name,
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_CONFIG_FILE": str(self.base / "rabbitmq.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.base / "enabled_plugins"),
            "RABBITMQ_MNESIA_BASE": str(self.base / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.base / "log"),
            "RABBITMQ_PID_FILE": str(self.base / "server.pid"),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }

    def start(self, timeout: float = 60) -> None:
        require_suite_mark("starting a RabbitMQ node")
        server = shutil.which("rabbitmq-server") or "/usr/sbin/rabbitmq-server"
        self.process = subprocess.Popen(
            [server],
            env=self._environment(),
            stdout=open(self.base / "server.out", "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while not _port_open(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"private RabbitMQ did not start; see {self.base}/server.out")
            time.sleep(0.2)

    def kill(self) -> None:
        """Stop the node abruptly, as a crash or a network cut would."""
        # Started as root, the server re-executes as the rabbitmq user in a
        # session of its own: its pid file names the Erlang VM to kill.
        pid_file = self.base / "server.pid"
        if pid_file.exists() and pid_file.read_text().strip().isdigit():
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
            except ProcessLookupError:
                pass
            pid_file.unlink()
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        deadline = time.monotonic() + 10
        while _port_open(self.port):
            if time.monotonic() > deadline:
                raise RuntimeError(f"private RabbitMQ on port {self.port} did not stop")
            time.sleep(0.1)

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.base, ignore_errors=True)


class PrivateCluster:
    """Three private nodes clustered on loopback ports: each finds the
    others by name at its first boot (classic_config peer discovery), and
    rejoins them when started again. ``amqp_uri`` names all three, separated
    by ";", as the suite reads a cluster's address list."""

    def __init__(self, size: int = 3):
        self.nodes = [PrivateBroker(name_prefix="cluster") for _ in range(size)]
        lines = ["cluster_formation.peer_discovery_backend = classic_config"]
        lines += [f"cluster_formation.classic_config.nodes.{i} = {node.name}" for i, node in enumerate(self.nodes, 1)]
        for node in self.nodes:
            node.extra_config = "\n".join(lines) + "\n"
        self.amqp_uri = ";".join(node.amqp_uri for node in self.nodes)

    def start(self, timeout: float = 120) -> None:
        # The first forms the cluster, the others join it.
        self.nodes[0].start()
        for node in self.nodes[1:]:
            node.start()
        deadline = time.monotonic() + timeout
        while self.running_nodes() != {node.name for node in self.nodes}:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the private cluster did not form: {self.running_nodes()}")
            time.sleep(1)

    def running_nodes(self, via: "PrivateBroker | None" = None) -> set[str]:
        import json

        via = via or next(node for node in self.nodes if _port_open(node.port))
        rabbitmqctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
        status = subprocess.run(
            [rabbitmqctl, "-n", via.name, "cluster_status", "--formatter", "json"],
            capture_output=True, text=True, timeout=60,
        )
        if status.returncode != 0:
            return set()
        return set(json.loads(status.stdout).get("running_nodes", []))

    def close(self) -> None:
        for node in self.nodes:
            node.close()
