from fastapi import APIRouter

router = APIRouter(prefix="/api/orders", tags=["orders"])
