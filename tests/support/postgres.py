"""A private PostgreSQL server, for tests that need a server of their own
(services on separate servers, a database that goes away).

The machine's Postgres is shared (and CI runs against it right after), so
such tests get a cluster of their own: initdb into a temporary directory,
``postgres`` on a free loopback port with its unix socket in that directory,
trust authentication, stopped by the pid it wrote, never by name. Postgres
refuses to run as root: as root, it runs as the ``postgres`` OS user.
"""

import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg2

from tests.support.markers import require_suite_mark


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bin_dir() -> Path | None:
    """The newest installed server's bin directory (Debian keeps each major
    version in /usr/lib/postgresql/<version>/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


class PrivatePostgres:
    # Fast and small: the data is the test's, thrown away after it.
    SETTINGS = {
        "listen_addresses": "127.0.0.1",
        "max_connections": "100",
        "shared_buffers": "16MB",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
    }

    def __init__(self, superuser: str = "postgres"):
        self.superuser = superuser
        self.port = _free_port()
        self.base = Path(tempfile.mkdtemp(prefix="postgres-"))
        self.data = self.base / "data"
        self.socket_dir = self.base / "socket"
        self.log_path = self.base / "postgres.log"
        self.process = None

    @staticmethod
    def available() -> bool:
        if _bin_dir() is None:
            return False
        if os.geteuid() != 0:
            return True
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return False
        return shutil.which("runuser") is not None

    def url(self, user: str | None = None, database: str = "postgres", password: str | None = None) -> str:
        """``postgresql://`` URL of this server, as ``user`` (the superuser by default)."""
        credentials = user or self.superuser
        if password:
            credentials += f":{password}"
        return f"postgresql://{credentials}@127.0.0.1:{self.port}/{database}"

    def _command(self, *argv) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *argv]
        return list(argv)

    def _initdb(self) -> None:
        self.socket_dir.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            for path in (self.base, self.socket_dir):
                shutil.chown(path, "postgres", "postgres")
        subprocess.run(
            self._command(
                str(_bin_dir() / "initdb"),
                f"--pgdata={self.data}",
                f"--username={self.superuser}",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self, timeout: float = 60) -> None:
        """initdb (the first time), then the server; returns once it takes connections."""
        require_suite_mark("starting a PostgreSQL server")
        if not self.data.exists():
            self._initdb()
        options = [f"--{name}={value}" for name, value in self.SETTINGS.items()]
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            self._command(
                str(_bin_dir() / "postgres"),
                f"-D{self.data}",
                f"-p{self.port}",
                f"-k{self.socket_dir}",
                *options,
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"private PostgreSQL did not start; see {self.log_path}")
            time.sleep(0.1)

    def _answers(self) -> bool:
        try:
            psycopg2.connect(self.url(), connect_timeout=2).close()
            return True
        except psycopg2.OperationalError:
            return False

    def _postmaster_pid(self) -> int | None:
        pid_file = self.data / "postmaster.pid"
        try:
            first = pid_file.read_text().split("\n", 1)[0].strip()
        except FileNotFoundError:
            return None
        return int(first) if first.isdigit() else None

    def kill(self, timeout: float = 20) -> None:
        """Stop the server at once, as a crash would (an immediate shutdown:
        no checkpoint; the next start recovers from the WAL)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            pid = self._postmaster_pid()
            try:
                if pid is not None:
                    os.kill(pid, signal.SIGQUIT)
                else:
                    os.killpg(self.process.pid, signal.SIGQUIT)
            except ProcessLookupError:
                pass
        if self.process is not None:
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                # runuser's session: the postmaster and every backend.
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.process = None

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.base, ignore_errors=True)
