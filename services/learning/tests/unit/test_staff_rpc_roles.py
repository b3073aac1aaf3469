"""Learning's staff entrypoints check the role before reading anything."""

import pytest
from nameko.testing.services import worker_factory

from learning.service import LearningService
from shared.errors import Forbidden, Unauthenticated


@pytest.mark.parametrize("call", [lambda s, a: s.course_stats(a), lambda s, a: s.learner_enrollments(a, "u1")])
@pytest.mark.parametrize(
    ("actor", "error"),
    [(None, Unauthenticated), ({"id": "u", "role": "learner"}, Forbidden), ({"id": "u", "role": "instructor"}, Forbidden)],
)
def test_only_an_admin(monkeypatch, call, actor, error):
    def never(*args):
        raise AssertionError("nothing is read for a caller without the role")

    monkeypatch.setattr("learning.staff.course_stats", never)
    monkeypatch.setattr("learning.staff.learner_enrollments", never)
    service = worker_factory(LearningService)
    with pytest.raises(error):
        call(service, actor)


def test_an_admin_gets_the_figures_through_the_course_copies(monkeypatch):
    seen = []
    monkeypatch.setattr("learning.staff.course_stats", lambda db, get_courses: seen.append(get_courses(["c1"])) or [])
    service = worker_factory(LearningService)
    service.catalog_rpc.get_courses.return_value = {"c1": {"id": "c1"}}
    # The copies (a dependency replaced here too) ask catalog for what they lack.
    service.courses.get_courses.side_effect = lambda ids, fetch: fetch(ids)
    assert service.course_stats({"id": "a", "role": "admin"}) == []
    assert seen == [{"c1": {"id": "c1"}}]
