"""The database session of a service's workers.

``Database`` builds the engine of the service's own role (the container's
service name: ``auth`` connects as ``auth`` to schema ``auth``) when the
container sets up, sized to the container's ``max_workers`` (SQLAlchemy
discards connections beyond the pool on return, which collapses throughput
under load), hands each worker its own session and closes it when the worker
ends. Committing is the entrypoint's business (``shared.service.Service``),
never the domain functions'.
"""

from weakref import WeakKeyDictionary

from nameko.extensions import DependencyProvider
from sqlalchemy.orm import Session, sessionmaker

from shared.db import service_engine


class Database(DependencyProvider):
    def __init__(self):
        self.engine = None
        self.sessionmaker = None
        self.sessions = WeakKeyDictionary()

    def setup(self):
        max_workers = self.container.config.get("max_workers", 10)
        # A worker process of another service's data (media_worker) names that
        # service as its ``schema``; every other service uses its own name.
        owner = getattr(self.container.service_cls, "schema", None) or self.container.service_name
        self.engine = service_engine(owner, pool_size=max_workers + 1)
        self.sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False)

    def stop(self):
        self.engine.dispose()

    def get_dependency(self, worker_ctx) -> Session:
        session = self.sessionmaker()
        self.sessions[worker_ctx] = session
        return session

    def worker_teardown(self, worker_ctx):
        session = self.sessions.pop(worker_ctx, None)
        if session is not None:
            session.close()
