"""How a client authenticates and where it connects: the API's security schemes and
requirements, and its servers as named environments.

``auth_of`` gives the locale-independent ``Auth`` of a shape; ``auth_def`` its render-ready
``AuthDef`` for one locale (the same code in every locale, the schemes' prose in this one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.build.names import snake, unique
from generator.conventions import CLIENT_ARGUMENTS
from generator.merge.model import Api, Operation, Security, SecurityScheme
from generator.output.layout import literal

KEY_KINDS = frozenset(
    {"bearer", "http", "header", "query", "cookie", "oauth2", "openIdConnect"}
)
# the runtime's scheme kinds (templates/client/runtime/_auth.py): tokens are bearer
_RUNTIME_KIND = {"oauth2": "bearer", "openIdConnect": "bearer"}


@dataclass(frozen=True)
class Auth:
    schemes: tuple[SecurityScheme, ...]  # every scheme defined, sorted by name
    security: Security  # the document's requirements
    environments: tuple[tuple[str, str], ...]  # (name, URL) of every server, in order


@dataclass(frozen=True)
class SchemeDef:
    name: str
    kind: str  # as in SecurityScheme
    wire: str
    description: str  # this locale's text, untrusted Markdown
    key: str = ""  # the client argument of this scheme's own key; "": api_key


@dataclass(frozen=True)
class AuthDef:
    schemes: tuple[SchemeDef, ...]  # the schemes some requirement uses
    schemes_literal: str  # the SECURITY_SCHEMES dict, "{}" for none
    security_literal: str  # the SECURITY tuple
    api_key: bool  # the client takes api_key= (a key or token scheme is used)
    basic: bool  # the client takes username= and password=
    required: (
        bool  # the document's security needs a credential: checked at construction
    )
    environments: tuple[tuple[str, str], ...]  # (name, URL); empty for a single server
    keys: tuple[str, ...] = ()  # the schemes' own key arguments (SchemeDef.key)

    @property
    def environment_annotation(self) -> str:
        names = ", ".join(literal(name) for name, _ in self.environments)
        return f"Literal[{names}]"


def _environment_names(api: Api) -> list[str]:
    """A readable, unique name per server: its short description (``Production``,
    ``Sandbox server``) in the primary locale as snake case, else ``server_<n>``."""
    taken: set[str] = set()
    names = []
    for i, server in enumerate(api.servers, 1):
        text = server.description.pick(api.primary, api.primary).value or ""
        words = re.findall(r"\w+", text)
        name = snake(text, "") if 0 < len(words) <= 3 else ""
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name or "-"):
            name = f"server_{i}"
        names.append(unique(name.rstrip("_"), taken))
    return names


def auth_of(api: Api) -> Auth:
    return Auth(
        schemes=api.security_schemes,
        security=api.security,
        environments=tuple(zip(_environment_names(api), (s.url for s in api.servers))),
    )


def _tuple(items: list[str]) -> str:
    """A tuple literal as black leaves it (a trailing comma only for one item)."""
    return "(" + items[0] + ",)" if len(items) == 1 else "(" + ", ".join(items) + ")"


def security_literal(security: Security) -> str:
    return _tuple([_tuple([literal(name) for name in alt]) for alt in security])


def method_security(auth: Auth, op: Operation) -> str:
    """The ``security=`` literal a method passes: "" when it is the API's own."""
    if op.security is None or op.security == auth.security:
        return ""
    return security_literal(op.security)


def own_keys(schemes: tuple[SecurityScheme, ...], security: Security) -> dict[str, str]:
    """{scheme name: argument} for the key schemes that need a key of their own.

    One ``api_key`` serves every key or token scheme, unless a requirement needs two of
    them together: then the first scheme of the first such requirement (requirements in
    the document's order, the names of one sorted) keeps ``api_key``, and every other key
    scheme named together with another gets an argument of its own, after its name
    (``UserToken`` -> ``user_token``).
    """
    keyed = {s.name for s in schemes if s.kind in KEY_KINDS}
    by_requirement = [[n for n in alt if n in keyed] for alt in security]
    together = [names for names in by_requirement if len(names) > 1]
    if not together:
        return {}
    shared = together[0][0]
    taken = set(CLIENT_ARGUMENTS)
    out: dict[str, str] = {}
    for name in (n for alt in together for n in alt):
        if name != shared and name not in out:
            out[name] = unique(snake(name, "key").rstrip("_") or "key", taken)
    return out


def auth_def(
    auth: Auth, operations: list[Operation], locale: str, primary: str
) -> AuthDef:
    """The render-ready auth of one locale's client."""
    requirements = (*auth.security, *(alt for op in operations for alt in op.security or ()))
    used = {name for alt in requirements for name in alt}
    keys = own_keys(auth.schemes, requirements)
    schemes = tuple(
        SchemeDef(
            s.name,
            s.kind,
            s.wire,
            s.description.pick(locale, primary).value or "",
            keys.get(s.name, ""),
        )
        for s in auth.schemes
        if s.name in used and s.kind != "mutualTLS"
    )
    pairs = []
    for s in schemes:
        kind = _RUNTIME_KIND.get(s.kind, s.kind)
        args = literal(kind) + (f", {literal(s.wire)}" if s.wire else "")
        if s.key:
            args += f", {literal(s.key)}" if s.wire else f', "", {literal(s.key)}'
        pairs.append(f"{literal(s.name)}: Scheme({args})")
    by_name = {s.name: s for s in schemes}
    required = bool(auth.security) and all(
        alt and all(n in by_name for n in alt) for alt in auth.security
    )
    return AuthDef(
        schemes=schemes,
        schemes_literal="{" + ", ".join(pairs) + "}",
        security_literal=security_literal(auth.security),
        api_key=any(s.kind in KEY_KINDS and not s.key for s in schemes),
        basic=any(s.kind == "basic" for s in schemes),
        required=required,
        environments=auth.environments if len(auth.environments) > 1 else (),
        keys=tuple(s.key for s in schemes if s.key),
    )
