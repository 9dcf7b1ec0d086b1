"""Credentials: which the API's security schemes need, and how each is sent.

A client knows its API's schemes (``SECURITY_SCHEMES`` in ``_client.py``) and its
default ``security``: alternatives, any one of which will do, each naming the schemes
it needs together. An operation with its own ``security`` passes it with the request;
``()`` means that it sends no credentials.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

__all__ = ["Scheme", "Security", "Credentials"]

Security = tuple[tuple[str, ...], ...]


class Scheme(NamedTuple):
    """How a credential is sent.

    ``kind``: ``bearer`` (``Authorization: Bearer <api_key>``, also OAuth 2 and
    OpenID Connect tokens), ``basic`` (``Authorization: Basic`` from username and
    password), ``http`` (``Authorization: <name> <api_key>``), or ``header`` /
    ``query`` / ``cookie`` (the api key under ``name``). ``key``: the client argument
    holding this scheme's own key, when a request needs it together with another key;
    "" for ``api_key``.
    """

    kind: str
    name: str = ""
    key: str = ""


class Sent(NamedTuple):
    """The headers, query pairs and cookies that carry the credentials of a request."""

    headers: dict[str, str]
    query: list[tuple[str, str]]
    cookies: list[tuple[str, str]]


NOTHING = Sent({}, [], [])


class Credentials:
    """The credentials a client was given, and the API's schemes."""

    def __init__(
        self,
        schemes: Mapping[str, Scheme],
        *,
        api_key: str | None,
        username: str | None,
        password: str | None,
        keys: Mapping[str, str | None] | None = None,
    ) -> None:
        self.schemes = dict(schemes)
        self.api_key = api_key or None
        self.username = username
        self.password = password
        # the schemes' own keys, by argument name (Scheme.key)
        self.keys = {name: value or None for name, value in (keys or {}).items()}

    def key(self, scheme: Scheme) -> str | None:
        """The key sent for ``scheme``: its own argument's, else ``api_key``."""
        return self.keys.get(scheme.key) if scheme.key else self.api_key

    def has(self, name: str) -> bool:
        """Whether the credential of scheme ``name`` was given (others need none)."""
        scheme = self.schemes.get(name)
        if scheme is None:
            return True
        if scheme.kind == "basic":
            return self.username is not None and self.password is not None
        return self.key(scheme) is not None

    def choose(self, security: Security) -> tuple[str, ...] | None:
        """The first alternative whose credentials were all given (credentials are sent
        when an alternative needing none is also allowed); ``()``: send nothing; None:
        no alternative can be met."""
        for alternative in security:
            if alternative and all(self.has(name) for name in alternative):
                return alternative
        if not security or () in security:
            return ()
        return None

    def sent(self, alternative: tuple[str, ...]) -> Sent:
        """How the credentials of ``alternative`` are sent."""
        if not alternative:
            return NOTHING
        out = Sent({}, [], [])
        for name in alternative:
            scheme = self.schemes.get(name)
            if scheme is None:
                continue
            key = self.key(scheme) or ""
            if scheme.kind == "bearer":
                out.headers["Authorization"] = f"Bearer {key}"
            elif scheme.kind == "basic":
                import base64

                pair = f"{self.username}:{self.password}".encode()
                token = base64.b64encode(pair).decode("ascii")
                out.headers["Authorization"] = f"Basic {token}"
            elif scheme.kind == "http":
                out.headers["Authorization"] = f"{scheme.name} {key}"
            elif scheme.kind == "header":
                out.headers[scheme.name] = key
            elif scheme.kind == "query":
                out.query.append((scheme.name, key))
            elif scheme.kind == "cookie":
                out.cookies.append((scheme.name, key))
        return out

    def needs(self, security: Security, env_prefix: str) -> str:
        """What to pass (or set) to satisfy ``security``, for an error message."""
        wanted = []
        for alternative in security:
            for name in alternative:
                scheme = self.schemes.get(name)
                if scheme is None or self.has(name):
                    continue
                if scheme.kind == "basic":
                    what = (
                        "`username` and `password` (or the "
                        f"{env_prefix}USERNAME and {env_prefix}PASSWORD environment "
                        "variables)"
                    )
                else:
                    arg = scheme.key or "api_key"
                    what = (
                        f"`{arg}` (or the {env_prefix}{arg.upper()} environment "
                        "variable)"
                    )
                if what not in wanted:
                    wanted.append(what)
        return " or ".join(wanted)
