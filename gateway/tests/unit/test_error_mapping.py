"""Every domain error has a status, and every failure has the one JSON shape."""

import inspect

import pytest

from gateway.errors import STATUS_BY_ERROR
from shared import errors
from shared.rpc import RpcClient


def domain_error_classes():
    return [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.DomainError) and cls is not errors.DomainError
    ]


@pytest.mark.parametrize("cls", domain_error_classes(), ids=lambda cls: cls.__name__)
def test_every_domain_error_has_a_status(cls):
    expected_range = (503, 504) if cls is errors.DependencyUnavailable else (400, 500)
    assert expected_range[0] <= STATUS_BY_ERROR[cls] < expected_range[1]


@pytest.mark.parametrize("cls", domain_error_classes(), ids=lambda cls: cls.__name__)
def test_domain_errors_survive_the_wire(cls):
    """What Nameko puts in a reply (stringified exc_args) comes back as the same error."""
    from nameko.exceptions import serialize

    original = cls("Something is wrong", code="SOME_CODE", details={"fields": {"x": "bad"}})
    with pytest.raises(cls) as raised:
        RpcClient._unpack({"result": None, "error": serialize(original)})
    assert raised.value.to_dict() == original.to_dict()


def test_error_without_details_has_null_details_on_the_wire():
    from nameko.exceptions import serialize

    with pytest.raises(errors.NotFound) as raised:
        RpcClient._unpack({"result": None, "error": serialize(errors.NotFound())})
    assert raised.value.to_dict() == {"message": "Not found", "code": "NOT_FOUND", "details": None}
