"""Operations of every locale merged into one: parameters, bodies, responses, errors.

Operations match by HTTP method + path (never operationId). An operation present in any
locale is in the model; locales lacking it fall back to the primary's text (or the first
locale that has it), and the fallback is recorded.
"""

from __future__ import annotations

from typing import Any

from generator.merge import error_docs
from generator.merge.drift import Missing, Owner
from generator.merge.methods import HTTP_METHODS, methods_of, operation_object
from generator.merge.model import (
    ErrorCase,
    MediaType,
    Operation,
    Parameter,
    PartEncoding,
    RequestBody,
    Response,
)
from generator.merge.normalize import agree, deref, parameter_keywords, strip_prose
from generator.merge.prose import MergeContext
from generator.merge.schemas import SchemaMerger
from generator.problems import join_pointer


class OperationMerger:
    def __init__(self, ctx: MergeContext, schemas: SchemaMerger) -> None:
        self.ctx = ctx
        self.schemas = schemas

    def operations(self) -> tuple[Operation, ...]:
        keys: set[tuple[str, str]] = set()
        for doc in self.ctx.documents.values():
            for path, item in (doc.get("paths") or {}).items():
                keys.update((path, m) for m in methods_of(item))
        ops = []
        order = {m: i for i, m in enumerate(HTTP_METHODS)}
        for path, method in sorted(
            keys, key=lambda k: (k[0], order.get(k[1], len(order)), k[1])
        ):
            ops.append(self._operation(method, path))
        return tuple(ops)

    def _raw(self, loc: str, method: str, path: str) -> dict[str, Any] | None:
        item = (self.ctx.documents[loc].get("paths") or {}).get(path) or {}
        op = operation_object(item, method)
        if not isinstance(op, dict):
            return None
        # path-level parameters apply unless the operation overrides them
        params = {
            (p.get("name"), p.get("in")): p
            for p in self._params(loc, item.get("parameters"))
        }
        params.update(
            {
                (p.get("name"), p.get("in")): p
                for p in self._params(loc, op.get("parameters"))
            }
        )
        return {**op, "parameters": list(params.values())}

    def _params(self, loc: str, params: Any) -> list[dict[str, Any]]:
        return [deref(self.ctx.documents[loc], p)[0] for p in (params or [])]

    def _operation(self, method: str, path: str) -> Operation:
        ctx = self.ctx
        raw = {
            loc: op
            for loc in ctx.locales
            if (op := self._raw(loc, method, path)) is not None
        }
        present = tuple(raw)
        owner = Owner(method, path)
        absent = tuple(loc for loc in ctx.locales if loc not in raw)
        if absent:
            ctx.drift.missing.append(Missing(method, path, absent))
            source = ctx.primary if ctx.primary in raw else present[0]
            for loc in absent:
                ctx.drift.fell_back(loc, owner, "", source)

        def text(
            pointer: str, key: str, nodes: dict[str, Any], track: bool = True
        ) -> Any:
            return ctx.text(
                owner,
                pointer + "/" + key,
                {l: n.get(key) for l, n in nodes.items()},
                tuple(nodes),
                track,
            )

        self._compare(
            owner,
            "/deprecated",
            {l: bool(op.get("deprecated", False)) for l, op in raw.items()},
        )
        self._compare(
            owner, "/security", {l: op.get("security") for l, op in raw.items()}
        )
        responses, errors = self._responses(owner, raw)
        return Operation(
            method=method,
            path=path,
            operation_id=ctx.text(
                owner,
                "/operationId",
                {l: op.get("operationId") for l, op in raw.items()},
                present,
                track=False,
                prose=False,
            ),
            tags=ctx.values({l: tuple(op.get("tags") or ()) for l, op in raw.items()}),
            summary=text("", "summary", raw),
            description=text("", "description", raw),
            parameters=self._parameters(owner, raw),
            request_body=self._body(owner, raw),
            responses=responses,
            errors=errors,
            locales=ctx.with_twins(present),
            deprecated=bool(raw[present[0]].get("deprecated", False)),
        )

    def _compare(self, owner: Owner, pointer: str, values: dict[str, Any]) -> None:
        if self.ctx.report and not agree(values.values()):
            self.ctx.drift.differ(owner, pointer, values)

    def _parameters(
        self, owner: Owner, raw: dict[str, dict[str, Any]]
    ) -> tuple[Parameter, ...]:
        ctx = self.ctx
        base_loc = next(iter(raw))
        base = raw[base_loc]["parameters"]
        keys = [(p.get("name"), p.get("in")) for p in base]
        extra = sorted(
            {
                (p.get("name"), p.get("in"))
                for op in raw.values()
                for p in op["parameters"]
            }
            - set(keys),
            key=str,
        )
        by_key = {
            loc: {(p.get("name"), p.get("in")): p for p in op["parameters"]}
            for loc, op in raw.items()
        }
        out = []
        for index, key in enumerate(keys + extra):
            nodes = {loc: found[key] for loc, found in by_key.items() if key in found}
            ptr = (
                f"/parameters/{index}"
                if index < len(keys)
                else join_pointer("/parameters", key[0])
            )
            if len(nodes) != len(raw):
                ctx.drift.differ(
                    owner, ptr, {loc: strip_prose(nodes.get(loc)) for loc in raw}
                )
            if base_loc not in nodes:
                continue
            keywords = {
                l: parameter_keywords(n)
                for l, n in nodes.items()
                if ctx.report or l == base_loc
            }
            if ctx.report:
                for name in keywords[base_loc]:
                    self._compare(
                        owner,
                        ptr + "/" + name,
                        {l: kw[name] for l, kw in keywords.items()},
                    )
            present = tuple(nodes)
            style, explode = _serialization(nodes[base_loc])
            out.append(
                Parameter(
                    name=str(key[0]),
                    location=str(key[1]),
                    required=keywords[base_loc]["required"],
                    schema=self.schemas.walk(
                        {l: n.get("schema") for l, n in nodes.items()},
                        owner,
                        ptr + "/schema",
                    ),
                    description=ctx.text(
                        owner,
                        ptr + "/description",
                        {l: n.get("description") for l, n in nodes.items()},
                        present,
                    ),
                    example=ctx.values({l: n.get("example") for l, n in nodes.items()}),
                    style=style,
                    explode=explode,
                )
            )
        return tuple(out)

    def _content(
        self, owner: Owner, pointer: str, nodes: dict[str, Any]
    ) -> tuple[MediaType, ...]:
        contents = {loc: (n.get("content") or {}) for loc, n in nodes.items()}
        self._compare(
            owner, pointer + "/content", {l: sorted(c) for l, c in contents.items()}
        )
        base = contents[next(iter(contents))]
        out = []
        for ctype in base:
            media = {loc: c[ctype] or {} for loc, c in contents.items() if ctype in c}
            ptr = join_pointer(pointer, "content", ctype)
            examples = {l: _examples(m) for l, m in media.items()}
            if self.ctx.report:
                self._compare(
                    owner,
                    ptr + "/encoding",
                    {l: strip_prose(m.get("encoding")) for l, m in media.items()},
                )
            out.append(
                MediaType(
                    ctype,
                    self.schemas.walk(
                        {l: m.get("schema") for l, m in media.items()},
                        owner,
                        ptr + "/schema",
                    ),
                    self.ctx.values({l: e for l, e in examples.items() if e}),
                    _encoding(media[next(iter(media))]),
                    self.schemas.walk(
                        {l: m.get("itemSchema") for l, m in media.items()},
                        owner,
                        ptr + "/itemSchema",
                    ),
                )
            )
        return tuple(out)

    def _body(self, owner: Owner, raw: dict[str, dict[str, Any]]) -> RequestBody | None:
        nodes = {
            loc: deref(self.ctx.documents[loc], op["requestBody"])[0]
            for loc, op in raw.items()
            if "requestBody" in op
        }
        if nodes and len(nodes) != len(raw):
            self.ctx.drift.differ(
                owner,
                "/requestBody",
                {loc: "present" if loc in nodes else None for loc in raw},
            )
        if not nodes:
            return None
        self._compare(
            owner,
            "/requestBody/required",
            {l: bool(n.get("required", False)) for l, n in nodes.items()},
        )
        return RequestBody(
            required=bool(nodes[next(iter(nodes))].get("required", False)),
            content=self._content(owner, "/requestBody", nodes),
            description=self.ctx.text(
                owner,
                "/requestBody/description",
                {l: n.get("description") for l, n in nodes.items()},
                tuple(nodes),
            ),
        )

    def _responses(
        self, owner: Owner, raw: dict[str, dict[str, Any]]
    ) -> tuple[tuple[Response, ...], tuple[ErrorCase, ...]]:
        ctx = self.ctx
        per_loc = {
            loc: {
                str(k): deref(ctx.documents[loc], v)[0]
                for k, v in (op.get("responses") or {}).items()
            }
            for loc, op in raw.items()
        }
        self._compare(owner, "/responses", {l: sorted(r) for l, r in per_loc.items()})
        base_loc = next(iter(raw))
        responses, errors = [], []
        for status in per_loc[base_loc]:
            nodes = {loc: r[status] or {} for loc, r in per_loc.items() if status in r}
            ptr = join_pointer("/responses", status)
            codes = {
                loc: error_docs.parse_codes(n.get("description"))
                for loc, n in nodes.items()
            }
            if ctx.twins and ctx.primary in nodes:  # each twin's own description
                text = nodes[ctx.primary].get("description")
                codes.update(
                    (loc, error_docs.parse_codes(twin.texts.get(id(text), text)))
                    for loc, twin in ctx.twins.items()
                )
            if any(codes.values()):
                self._compare(
                    owner,
                    ptr + "/description",
                    {l: [c for c, _ in v] for l, v in codes.items()},
                )
                errors.extend(self._errors(owner, ptr, status, nodes, codes))
            responses.append(
                Response(
                    status,
                    self._content(owner, ptr, nodes),
                    ctx.text(
                        owner,
                        ptr + "/description",
                        {l: n.get("description") for l, n in nodes.items()},
                        tuple(nodes),
                        track=not any(codes.values()),
                    ),
                )
            )
        return tuple(responses), tuple(errors)

    def _errors(
        self,
        owner: Owner,
        ptr: str,
        status: str,
        nodes: dict[str, Any],
        codes: dict[str, list[tuple[str, str]]],
    ) -> list[ErrorCase]:
        base_loc = next(iter(nodes))
        keyed = {loc: error_docs.keyed(pairs) for loc, pairs in codes.items()}
        present = self.ctx.with_twins(tuple(nodes))
        messages = error_docs.keyed(error_docs.example_messages(nodes[base_loc]))
        out = []
        for index, key in enumerate(keyed[base_loc]):
            texts = {loc: k.get(key) for loc, k in keyed.items()}
            out.append(
                ErrorCase(
                    status,
                    key[0],
                    self.ctx.text(owner, f"{ptr}/description/{index}", texts, present),
                    messages.get(key) or messages.get((key[0], 0)),
                )
            )
        return out


def _examples(media: dict[str, Any]) -> dict[str, Any] | None:
    examples = media.get("examples") or {}
    out = {
        name: e.get("value")
        for name, e in examples.items()
        if isinstance(e, dict) and "value" in e
    }
    if "example" in media:
        out["example"] = media["example"]
    return out or None


def _serialization(param: dict[str, Any]) -> tuple[str, bool | None]:
    """``style`` and ``explode`` as written ("", None: the model applies OpenAPI's
    defaults for the parameter's location)."""
    style, explode = param.get("style"), param.get("explode")
    return (
        style if isinstance(style, str) else "",
        explode if isinstance(explode, bool) else None,
    )


ENCODING_KEYS = ("contentType", "style", "explode")


def _encoding(media: dict[str, Any]) -> tuple[tuple[str, PartEncoding], ...]:
    """A form body's ``encoding``: each property's contentType, style and explode."""
    encoding = media.get("encoding")
    if not isinstance(encoding, dict):
        return ()
    out = []
    for name, entry in encoding.items():
        if not isinstance(entry, dict):
            continue
        ctype, style, explode = (entry.get(k) for k in ENCODING_KEYS)
        out.append(
            (
                str(name),
                PartEncoding(
                    ctype if isinstance(ctype, str) and ctype else None,
                    style if isinstance(style, str) and style else None,
                    explode if isinstance(explode, bool) else None,
                ),
            )
        )
    return tuple(out)
