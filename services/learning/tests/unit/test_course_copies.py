"""Learning's copies of catalog's courses: asked once, dropped on a change or with age."""

from learning.course_copies import CourseCopies


class FakeCatalog:
    def __init__(self, courses):
        self.courses = courses
        self.asked = []

    def get_courses(self, ids):
        self.asked.append(list(ids))
        return {i: self.courses[i] for i in ids if i in self.courses}


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_kept_course_is_not_asked_for_again():
    catalog = FakeCatalog({"a": {"title": "A"}, "b": {"title": "B"}})
    copies = CourseCopies()
    assert copies.get_courses(["a"], catalog.get_courses) == {"a": {"title": "A"}}
    assert copies.get_courses(["a", "b"], catalog.get_courses) == {"a": {"title": "A"}, "b": {"title": "B"}}
    assert catalog.asked == [["a"], ["b"]]


def test_unknown_ids_are_left_out_and_asked_for_each_time():
    catalog = FakeCatalog({})
    copies = CourseCopies()
    assert copies.get_courses(["x"], catalog.get_courses) == {}
    assert copies.get_courses(["x"], catalog.get_courses) == {}
    assert catalog.asked == [["x"], ["x"]]


def test_a_change_drops_every_copy():
    catalog = FakeCatalog({"a": {"title": "A"}})
    copies = CourseCopies()
    copies.get_courses(["a"], catalog.get_courses)
    catalog.courses["a"] = {"title": "A, retitled"}
    copies.clear()
    assert copies.get_courses(["a"], catalog.get_courses) == {"a": {"title": "A, retitled"}}


def test_a_copy_is_asked_for_again_once_too_old():
    clock = FakeClock()
    catalog = FakeCatalog({"a": {"title": "A"}})
    copies = CourseCopies(max_age=30, clock=clock)
    copies.get_courses(["a"], catalog.get_courses)
    clock.now += 29
    copies.get_courses(["a"], catalog.get_courses)
    clock.now += 2
    copies.get_courses(["a"], catalog.get_courses)
    assert catalog.asked == [["a"], ["a"]]


def test_courses_fetched_across_a_change_are_served_but_not_kept():
    copies = CourseCopies()

    def fetch_while_it_changes(ids):
        copies.clear()  # catalog_changed heard while the call was out
        return {"a": {"title": "old"}}

    assert copies.get_courses(["a"], fetch_while_it_changes) == {"a": {"title": "old"}}
    assert copies.courses == {}
