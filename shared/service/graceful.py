"""A graceful stop that does not run a message twice.

On SIGTERM, ``nameko run`` stops the container: it cancels the consumers,
waits for the running workers, then stops the rest. Nameko 2.14's
``QueueConsumer`` however closes its AMQP connection about a second after the
consumers are cancelled, while workers may still be running. A worker that
finishes after that still replies, but its acknowledgement is skipped
(``ack_message`` only acks on a live connection), so the broker puts the
message back and another instance runs the call or the event a second time
(measured: a 4 s RPC, SIGTERM after 1 s, answered once and left in the queue).

``install()`` keeps the connection open until the container stops the queue
consumer itself, which it does only after every worker has finished, so each
message handled during the drain is acknowledged on the channel it came from.
The patch replaces two methods of Nameko's internals, so it is only ever
installed on the Nameko version it was written and tested against: any other
version stops the service at start-up, until the patch is checked again.
"""

from importlib.metadata import version

from nameko.messaging import QueueConsumer

# The version this patch was checked against (the lock file pins the same).
PATCHED_NAMEKO_VERSION = "2.14.1"


class UnsupportedNameko(RuntimeError):
    pass


_original_stop = QueueConsumer.stop


def _on_iteration(self):
    """Cancel the consumers the entrypoints asked to cancel; stop consuming
    only once the container has asked this queue consumer to stop."""
    self._cancel_consumers_if_requested()
    if not self._consumers and getattr(self, "_stop_requested", False):
        self.should_stop = True


def _stop(self):
    self._stop_requested = True
    if self._consumers_ready.ready() and not self._consumers:
        # Every consumer is cancelled: leave at the consumer thread's next
        # wake-up rather than one iteration later.
        self.should_stop = True
    _original_stop(self)


def check_version(installed: str | None = None) -> None:
    """UnsupportedNameko unless the installed Nameko is the patched one."""
    installed = installed or version("nameko")
    if installed != PATCHED_NAMEKO_VERSION:
        raise UnsupportedNameko(
            f"shared.service.graceful patches Nameko {PATCHED_NAMEKO_VERSION}'s QueueConsumer, "
            f"but Nameko {installed} is installed: check the patch against it, then update "
            "PATCHED_NAMEKO_VERSION"
        )


def install() -> None:
    """Patch ``QueueConsumer`` (idempotent; the service kit calls it on import)."""
    check_version()
    QueueConsumer.on_iteration = _on_iteration
    QueueConsumer.stop = _stop
