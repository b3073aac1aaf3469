"""The storage of a media process, built from the settings once per container."""

from nameko.extensions import DependencyProvider

from media.storage import storage_from_settings
from shared.settings import get_settings


class MediaStorage(DependencyProvider):
    def setup(self):
        self.storage = storage_from_settings(get_settings())

    def get_dependency(self, worker_ctx):
        return self.storage
