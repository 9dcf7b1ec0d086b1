"""No default security, one operation needs a key: the client is built without one, the
public operation works, the private one says what to pass (before sending anything)."""

from typing import Any

import pytest

from tests.e2e.case_env import environ, package_of

CLIENT_OPTIONS: dict[str, Any] = {}


def check(T: Any, client: Any, server: Any) -> None:
    pkg = package_of(client)
    with environ(AUTH_OPERATION_ONLY_API_KEY=None):
        with type(client)(base_url=server.base_url) as bare:
            assert bare.profile.retrieve().name == "Ann"
            sent = len(server.requests)
            with pytest.raises(pkg.APIError) as info:
                bare.private.retrieve()
    assert len(server.requests) == sent
    assert str(info.value) == (
        "GET /private needs credentials: pass `api_key` (or the "
        "AUTH_OPERATION_ONLY_API_KEY environment variable) to the client."
    )
    assert "authorization" not in server.requests[-1].headers

    with type(client)(base_url=server.base_url, api_key="s3") as keyed:
        assert keyed.private.retrieve().name == "secret"
    assert server.requests[-1].headers["x-key"] == "s3"
