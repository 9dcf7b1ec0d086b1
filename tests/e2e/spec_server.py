"""A loopback HTTP server driven by one OpenAPI document, for the runtime cases.

Each request is matched to an operation by method + path template, checked against the
spec (path and query parameters present and of their schema's type, the JSON body valid
for the request body's schema, the credentials of one of the operation's ``security``
alternatives sent as its schemes say) and answered with the operation's documented example (the
first 2xx response's ``example`` or first ``examples`` entry), unless a test set another
answer with ``respond``. Every request is recorded; every mismatch with the spec is in
``problems``. Only 127.0.0.1 is used.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from openapi_schema_validator import OAS30WriteValidator, OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012

DOC_URI = "urn:case:openapi"
METHODS = ("get", "put", "post", "delete", "patch", "query")


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str  # as sent, percent-encoded
    query: tuple[tuple[str, str], ...]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def cookies(self) -> dict[str, str]:
        """The Cookie header's pairs (values percent-decoded)."""
        pairs = (
            p.strip().partition("=") for p in self.headers.get("cookie", "").split(";")
        )
        return {unquote(k): unquote(v) for k, _, v in pairs if k}


@dataclass(frozen=True)
class EventStream:
    """An answer sent as ``text/event-stream`` (or another stream type), as is."""

    text: str
    content_type: str = "text/event-stream"


@dataclass(frozen=True)
class _Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    pointer: str  # of the operation in the document


@dataclass
class SpecServer:
    spec: dict[str, Any]
    requests: list[Recorded] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    _answers: dict[tuple[str, str], tuple[int, Any]] = field(default_factory=dict)
    base_url: str = ""

    def respond(self, method: str, template: str, status: int, body: Any) -> None:
        """Answer ``method template`` with ``body`` (JSON) from now on."""
        self._answers[(method.upper(), template)] = (status, body)

    def respond_events(
        self,
        method: str,
        template: str,
        text: str,
        content_type: str = "text/event-stream",
    ) -> None:
        """Answer ``method template`` with ``text`` as ``content_type`` from now on."""
        self._answers[(method.upper(), template)] = (
            200,
            EventStream(text, content_type),
        )

    def answer_for(self, method: str, template: str) -> Any:
        """The JSON body the server answers ``method template`` with now."""
        route = next(
            r for r in self._routes() if r.method == method and r.template == template
        )
        return self.answer(route)[1]

    # -- the spec ---------------------------------------------------------------------
    def _routes(self) -> list[_Route]:
        routes = []
        for template, item in (self.spec.get("paths") or {}).items():
            regex = re.sub(r"\\{[^}/]+\\}", "[^/]+", re.escape(template))
            escaped = template.replace("~", "~0").replace("/", "~1")
            operations = [(m, m) for m in METHODS if m in item]
            # OpenAPI 3.2: other methods (QUERY, PURGE...) under additionalOperations
            operations += [
                (m.lower(), f"additionalOperations/{m}")
                for m in item.get("additionalOperations") or {}
            ]
            for method, where in operations:
                routes.append(
                    _Route(
                        method.upper(),
                        template,
                        re.compile(f"^{regex}$"),
                        f"/paths/{escaped}/{where}",
                    )
                )
        # a concrete path wins over a template (``/pets/mine`` before ``/pets/{id}``)
        return sorted(routes, key=lambda r: r.template.count("{"))

    def _node(self, pointer: str) -> Any:
        node: Any = self.spec
        for token in pointer.lstrip("/").split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        return node

    def _resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            node = self._node(node["$ref"].removeprefix("#"))
        return node

    def _validate(self, schema_pointer: str, instance: Any, what: str) -> None:
        v31 = str(self.spec.get("openapi", "")).startswith("3.1")
        spec_kind = DRAFT202012 if v31 else DRAFT4
        registry: Registry = Registry().with_resource(
            DOC_URI, Resource.from_contents(self.spec, default_specification=spec_kind)
        )
        cls = OAS31Validator if v31 else OAS30WriteValidator
        validator = cls({"$ref": f"{DOC_URI}#{schema_pointer}"}, registry=registry)
        for error in validator.iter_errors(instance):
            self.problems.append(f"{what}: {error.message}")

    def _sent(self, scheme: dict[str, Any], recorded: Recorded) -> bool:
        """Whether ``recorded`` carries a credential for ``scheme``."""
        auth = recorded.headers.get("authorization", "")
        if scheme.get("type") == "apiKey":
            name = scheme.get("name", "")
            where = scheme.get("in")
            if where == "query":
                return name in dict(recorded.query)
            if where == "cookie":
                return name in recorded.cookies
            return name.lower() in recorded.headers
        if scheme.get("type") == "http":
            return auth.lower().startswith(str(scheme.get("scheme", "")).lower() + " ")
        if scheme.get("type") in ("oauth2", "openIdConnect"):
            return auth.startswith("Bearer ")
        return True

    def check_security(self, operation: dict[str, Any], recorded: Recorded) -> None:
        security = operation.get("security", self.spec.get("security")) or []
        schemes = (self.spec.get("components") or {}).get("securitySchemes") or {}
        if security and not any(
            all(self._sent(self._resolve(schemes[name]), recorded) for name in alt)
            for alt in security
        ):
            self.problems.append(f"no credentials for any of {security}")

    def check(self, route: _Route, recorded: Recorded) -> None:
        operation = self._node(route.pointer)
        self.check_security(operation, recorded)
        query = dict(recorded.query)
        for raw in operation.get("parameters") or []:
            param = self._resolve(raw)
            if param.get("in") == "query" and param.get("required"):
                if param["name"] not in query:
                    self.problems.append(f"query parameter {param['name']} missing")
        body = operation.get("requestBody")
        if body is None:
            if recorded.body:
                self.problems.append("a body was sent to an operation that takes none")
            return
        body = self._resolve(body)
        media = (body.get("content") or {}).get("application/json")
        if media is None or "schema" not in media:
            return
        if not recorded.body:
            if body.get("required"):
                self.problems.append("the required JSON body is missing")
            return
        try:
            instance = recorded.json()
        except ValueError:
            self.problems.append("the body is not JSON")
            return
        raw = operation["requestBody"]
        where = raw["$ref"].removeprefix("#") if "$ref" in raw else route.pointer
        where += "" if "$ref" in raw else "/requestBody"
        pointer = where + "/content/application~1json/schema"
        self._validate(pointer, instance, f"{route.method} {route.template} body")

    def answer(self, route: _Route) -> tuple[int, Any]:
        found = self._answers.get((route.method, route.template))
        if found is not None:
            return found
        operation = self._node(route.pointer)
        for status, response in sorted((operation.get("responses") or {}).items()):
            if not str(status).startswith("2"):
                continue
            media = (self._resolve(response).get("content") or {}).get(
                "application/json"
            )
            if media is None:
                return int(status), None
            if "example" in media:
                return int(status), media["example"]
            examples = media.get("examples") or {}
            if examples:
                return (
                    int(status),
                    self._resolve(next(iter(examples.values())))["value"],
                )
            return int(status), {}
        return 204, None

    # -- HTTP -------------------------------------------------------------------------
    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        split = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        recorded = Recorded(
            handler.command,
            split.path,
            tuple(parse_qsl(split.query, keep_blank_values=True)),
            {k.lower(): v for k, v in handler.headers.items()},
            handler.rfile.read(length) if length else b"",
        )
        self.requests.append(recorded)
        route = next(
            (
                r
                for r in self._routes()
                if r.method == handler.command and r.pattern.match(split.path)
            ),
            None,
        )
        if route is None:
            self.problems.append(f"no operation for {handler.command} {split.path}")
            status, body = 404, {"message": "no such operation"}
        else:
            self.check(route, recorded)
            status, body = self.answer(route)
        content_type = "application/json"
        if isinstance(body, EventStream):
            payload, content_type = body.text.encode(), body.content_type
        else:
            payload = b"" if body is None else json.dumps(body).encode()
        handler.send_response(status)
        if payload:
            handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)


@contextmanager
def serve(spec: dict[str, Any]) -> Iterator[SpecServer]:
    """A running ``SpecServer`` on 127.0.0.1 for the duration of the block."""
    server = SpecServer(spec)

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            server.handle(self)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_QUERY = _any

        def __getattr__(self, name: str) -> Any:
            if name.startswith("do_"):  # any other method: routed by the spec
                return self._any
            raise AttributeError(name)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    server.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
