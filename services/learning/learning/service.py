from nameko.rpc import rpc

from shared.db import Database, ping_database
from shared.logging import WorkerLogger


class LearningService:
    name = "learning"

    db = Database("learning")
    logger = WorkerLogger()

    @rpc
    def ping(self):
        """Readiness: the service answers and reaches its schema."""
        return ping_database(self.db, "learning")
