"""HTTP helpers for tests that drive the suite through the gateway."""

import uuid

import httpx

PASSWORD = "correct horse battery"


def unique(prefix: str = "u") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"


class ApiClient(httpx.Client):
    """An httpx client with its own cookie jar: one per simulated user."""

    def __init__(self, base_url: str, **kwargs):
        super().__init__(base_url=base_url, timeout=kwargs.pop("timeout", 30), **kwargs)
        self.user = None

    def register(self, username: str | None = None, email: str | None = None, password: str = PASSWORD) -> dict:
        username = username or unique()
        email = email or f"{username}@example.com"
        response = self.post(
            "/api/auth/register", json={"username": username, "email": email, "password": password}
        )
        assert response.status_code == 201, response.text
        self.user = response.json()["user"]
        return self.user

    def course(self, slug: str) -> dict:
        response = self.get(f"/api/courses/{slug}")
        assert response.status_code == 200, response.text
        return response.json()

    def buy_course(self, slug: str) -> dict:
        """Buy the course ``slug`` and wait for its enrollment (it follows the
        order's event); the course as ``GET /api/courses/{slug}`` answers it."""
        from tests.support.suite import wait_until

        course = self.course(slug)
        course_id = course["course"]["id"]
        response = self.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course_id}]})
        assert response.status_code == 201, response.text
        wait_until(
            lambda: any(e["courseId"] == course_id for e in self.get("/api/enrollments").json()["enrollments"]),
            10,
            message="the enrollment",
        )
        return course

    def assets(self) -> list[dict]:
        response = self.get("/api/assets")
        assert response.status_code == 200, response.text
        return response.json()["assets"]
