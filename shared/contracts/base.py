"""What every wire model shares: camelCase names, money as "149.00",
timestamps in ISO-8601 UTC, no NUL characters."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, PlainSerializer, WithJsonSchema, field_validator
from pydantic.alias_generators import to_camel

from shared.formats import iso_utc, money

# Ids are UUID strings; one that is not is unknown, never malformed input
# (a 404, as the API promises), so the structure check is only a length.
ID_MAX_LENGTH = 64

Money = Annotated[
    Decimal,
    PlainSerializer(money, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d+\.\d{2}$", "examples": ["149.00"]}),
]
Timestamp = Annotated[
    datetime,
    PlainSerializer(iso_utc, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


# The JSON Schema form of "no NUL character" (ECMA and Python regex alike).
NO_NUL_PATTERN = "^[^\\u0000]*$"


def document_no_nul(schema: dict, model) -> None:
    """Say in the document what ``no_nul_characters`` refuses: every string
    property without a pattern of its own gets ``NO_NUL_PATTERN``."""
    for prop in schema.get("properties", {}).values():
        for variant in [prop, *prop.get("anyOf", [])]:
            if variant.get("type") == "string" and "pattern" not in variant and "format" not in variant:
                variant["pattern"] = NO_NUL_PATTERN


class ApiModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, from_attributes=True, json_schema_extra=document_no_nul
    )

    @field_validator("*", mode="after")
    @classmethod
    def no_nul_characters(cls, value):
        # PostgreSQL text cannot hold NUL: refuse it here as bad input.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value

    @classmethod
    def to_wire(cls, source: Any) -> dict:
        """``source`` (a row, or a dict in wire or attribute names) as this
        shape's JSON-ready dict, camelCase keys."""
        return cls.model_validate(source).model_dump(mode="json", by_alias=True)

    @classmethod
    def from_wire(cls, data: dict) -> Self:
        return cls.model_validate(data)


class ErrorBody(ApiModel):
    # Every error carries details, null when there are none.
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    message: str
    code: str
    details: dict | None = None
