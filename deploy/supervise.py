"""Run one process of the Procfile, and start it again whenever it dies.

    python -m deploy.supervise catalog

`make run` gives honcho this line, after an ``exec``, for each process of the
Procfile (.run/Procfile.supervised), because honcho has no restart policy:
when any process exits it stops all the others. Under this supervisor a process that
dies is started again after a pause (1 s, doubling up to 30 s while it keeps
dying within a minute), and honcho never sees it go. Containers need none of
this: compose restarts them (`restart: unless-stopped`).

The process runs in the supervisor's process group, which is what honcho
signals: SIGTERM (Ctrl-C at honcho) reaches both, the process stops as it
would alone, and the supervisor, told to stop, waits for it and exits with
its status instead of restarting it. With the ``exec`` honcho waits on the
supervisor itself, so it sees that status, after the process's graceful
stop, and not its shell's death; its SIGKILL after 5 s reaches both, so
nothing is left running.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 30.0
# A process that ran this long before dying starts again after the first pause.
STEADY_SECONDS = 60.0


def procfile_command(name: str, procfile: Path) -> str:
    """The command line of ``name`` in the Procfile."""
    for line in procfile.read_text().splitlines():
        process, _, command = line.partition(":")
        if process.strip() == name and not line.startswith("#") and command.strip():
            return command.strip()
    raise SystemExit(f"supervise: no process {name!r} in {procfile}")


def say(message: str) -> None:
    print(f"supervise: {message}", file=sys.stderr, flush=True)


def supervise(name: str, command: str) -> int:
    stopping = False

    def stop(_signum, _frame):
        nonlocal stopping
        stopping = True  # the process got the same signal from the group

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    pause = FIRST_PAUSE
    while True:
        started = time.monotonic()
        # exec: the shell becomes the process, so a signal reaches it as is.
        child = subprocess.Popen(["/bin/sh", "-c", f"exec {command}"])
        returncode = child.wait()
        if returncode < 0:  # killed by a signal: the shell's way of saying so
            returncode = 128 - returncode
        if stopping:
            return returncode
        if time.monotonic() - started >= STEADY_SECONDS:
            pause = FIRST_PAUSE
        say(f"{name} exited with {returncode}; starting it again in {pause:g} s")
        deadline = time.monotonic() + pause
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.1)
        if stopping:
            return returncode
        pause = min(pause * 2, LONGEST_PAUSE)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        raise SystemExit("usage: python -m deploy.supervise PROCESS")
    procfile = Path(os.environ.get("PROCFILE", "Procfile"))
    return supervise(argv[0], procfile_command(argv[0], procfile))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
