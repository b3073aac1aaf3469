"""The reference the suite is measured against: one FastAPI process that
serves the same JSON as the gateway, straight from Postgres, with the same
queries (the services' own domain functions, on one connection pool as the
database's owner), and no broker.

    uvicorn --factory benchmarks.monolith:create_app --port 5100

It reads DATABASE_URL (the admin URL of the suite's database, which can
read every schema) and SESSION_SECRET (the gateway's, so that the session
cookie the gateway set logs in here too). Only the endpoints the benchmark
loads: the catalog's public reads, and the logged-in reads with the joins a
monolith would make (the session and its user, the enrollments with their
courses, the orders with their items).
"""

import os

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session, sessionmaker

from auth import sessions
from catalog import assets, courses
from commerce import orders
from gateway import cookies
from learning import enrollments
from shared.db import create_db_engine
from shared.errors import DomainError
from shared.settings import get_settings, sqlalchemy_url

POOL_SIZE = 16


def create_app() -> FastAPI:
    settings = get_settings()
    engine = create_db_engine(sqlalchemy_url(os.environ["DATABASE_URL"]), POOL_SIZE)
    make_session = sessionmaker(bind=engine, expire_on_commit=False)
    policy = sessions.SessionPolicy.from_settings(settings)
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.exception_handler(DomainError)
    async def domain_error(_request, exc: DomainError):
        return JSONResponse({"message": exc.message, "code": exc.code, "details": exc.details}, status_code=404)

    def read(use_case):
        with make_session() as db:
            result = use_case(db)
            db.commit()
            return result

    def user_of(request: Request, db: Session) -> dict:
        token = cookies.unsign(settings.session_secret, request.cookies.get(settings.session_cookie))
        user = sessions.resolve_session(db, token, policy) if token else None
        if user is None:
            raise DomainError("Not logged in", code="UNAUTHENTICATED")
        return user

    # Plain ``def`` routes: FastAPI runs them in its thread pool, as a
    # monolith on a synchronous driver does.
    @app.get("/api/health")
    def health():
        return {"status": "ok"}

    @app.get("/api/courses")
    def list_courses():
        return {"courses": read(courses.list_courses)}

    @app.get("/api/courses/{slug}")
    def get_course(slug: str):
        return read(lambda db: courses.get_course_by_slug(db, slug))

    @app.get("/api/assets")
    def list_assets():
        return {"assets": read(assets.list_assets)}

    @app.get("/api/assets/{asset_id}")
    def get_asset(asset_id: str):
        return {"asset": read(lambda db: assets.get_asset(db, asset_id))}

    @app.get("/api/auth/me")
    def me(request: Request):
        return {"user": read(lambda db: user_of(request, db))}

    @app.get("/api/enrollments")
    def list_enrollments(request: Request):
        def use_case(db):
            user = user_of(request, db)
            return enrollments.list_enrollments(db, user["id"], lambda ids: courses.get_courses(db, ids))

        return {"enrollments": read(use_case)}

    @app.get("/api/orders")
    def list_orders(request: Request):
        return {"orders": read(lambda db: orders.list_orders(db, user_of(request, db)["id"]))}

    return app
