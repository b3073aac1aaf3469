"""Learning's copy of the catalog's courses, in each process's memory.

Every enrollment listed shows its course (title, slug, lessons count and the
rest), and asking catalog for them made each ``list_enrollments`` a nested
call. Courses change rarely, and catalog says when (``catalog_changed``):
each learning process keeps the courses it was given, asks catalog only for
those it does not have, and drops them all on that event, which every
instance hears (a broadcast queue of its own, ``LearningService``).

That queue goes with the instance's connection, so an event sent while the
connection is down is never heard: a copy is also never older than
``MAX_AGE_SECONDS``. A change heard while courses are being fetched is not
overtaken by them: what was fetched before it is served but not kept.
"""

import time
from typing import Callable

from nameko.extensions import DependencyProvider

MAX_AGE_SECONDS = 30.0


class CourseCopies:
    def __init__(self, max_age: float = MAX_AGE_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.max_age = max_age
        self.clock = clock
        self.courses: dict[str, tuple[float, dict]] = {}
        self.generation = 0

    def clear(self) -> None:
        self.courses = {}
        self.generation += 1

    def get_courses(self, course_ids: list, fetch: Callable[[list], dict]) -> dict:
        """``{id: course}`` as catalog's ``get_courses`` answers it, asking
        ``fetch`` (that call) only for the ids not kept, or kept too long."""
        now = self.clock()
        found, missing = {}, []
        for course_id in course_ids:
            kept = self.courses.get(course_id)
            if kept is not None and now - kept[0] < self.max_age:
                found[course_id] = kept[1]
            else:
                missing.append(course_id)
        if missing:
            generation = self.generation
            fetched = fetch(missing)
            if generation == self.generation:
                self.courses.update({course_id: (now, course) for course_id, course in fetched.items()})
            found.update(fetched)
        return found


class Courses(DependencyProvider):
    """The process's ``CourseCopies``, the same for every worker."""

    def setup(self):
        self.copies = CourseCopies()

    def get_dependency(self, worker_ctx) -> CourseCopies:
        return self.copies
