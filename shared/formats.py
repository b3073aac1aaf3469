"""How values look on the wire: ids, money and timestamps."""

import uuid
from datetime import datetime, timezone
from decimal import Decimal


def iso_utc(value: datetime | None) -> str | None:
    """ISO-8601 in UTC with a ``Z``, as the API promises."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def money(value: Decimal) -> str:
    """Money as a string with two decimals: Decimal("149") -> "149.00"."""
    return f"{Decimal(value):.2f}"


def parse_uuid(value) -> str | None:
    """The canonical form of a UUID string, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None
