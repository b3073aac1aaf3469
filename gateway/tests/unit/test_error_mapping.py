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
    # Not the caller's fault: a service down, or one that got the call too late.
    server_side = {errors.DependencyUnavailable: 503, errors.DeadlineExceeded: 504}
    if cls in server_side:
        assert STATUS_BY_ERROR[cls] == server_side[cls]
    else:
        assert 400 <= STATUS_BY_ERROR[cls] < 500


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
