"""Where a learner is in a lesson, through the gateway: saved, resumed, refused."""


def test_the_last_saved_position_is_where_the_learner_resumes(api):
    api.register()
    course = api.buy_course("level-1")
    first, third = course["lessons"][0], course["lessons"][2]
    for lesson, seconds in ((first, 3.5), (third, 8)):
        response = api.put(f"/api/lessons/{lesson['id']}/position", json={"seconds": seconds})
        assert response.status_code == 204, response.text
    (enrollment,) = api.get("/api/enrollments").json()["enrollments"]
    assert enrollment["resume"] == {"lessonId": third["id"], "seconds": 8.0}


def test_positions_are_refused_for_bad_values_visitors_and_courses_not_bought(api, api_factory):
    lesson = api.course("level-2")["lessons"][1]
    path = f"/api/lessons/{lesson['id']}/position"
    assert api.put(path, json={"seconds": 3}).status_code == 401
    api.register()
    assert api.put(path, json={"seconds": -1}).status_code == 400
    refused = api.put(path, json={"seconds": 3})
    assert (refused.status_code, refused.json()["code"]) == (402, "COURSE_NOT_PURCHASED")
    unknown = api.put("/api/lessons/5d0c7f0e-1b1a-4c1e-8f0a-0a9b8c7d6e5f/position", json={"seconds": 3})
    assert unknown.status_code == 404
    assert api.put("/api/lessons/not-a-lesson/position", json={"seconds": 3}).status_code == 404
