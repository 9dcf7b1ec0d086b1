"""Merge stage: ``components.securitySchemes`` and every ``security`` requirement.

Structure comes from the primary locale; a scheme's description is kept per locale. A
requirement naming a scheme the document does not define is a problem of the input.
"""

from __future__ import annotations

from typing import Any

from generator.ingest.load import LocaleDocument
from generator.merge.drift import Owner
from generator.merge.methods import operation_object, operation_pointer
from generator.merge.model import Operation, Security, SecurityScheme
from generator.merge.prose import MergeContext
from generator.problems import InputError, Problem, join_pointer

_BEARER_LIKE = {"oauth2": "oauth2", "openIdConnect": "openIdConnect"}


def _kind(raw: dict[str, Any]) -> tuple[str, str]:
    """A scheme's kind and wire name (see ``SecurityScheme``)."""
    kind = raw.get("type")
    if kind == "http":
        scheme = str(raw.get("scheme") or "").strip()
        if scheme.lower() in ("bearer", "basic"):
            return scheme.lower(), ""
        return "http", scheme
    if kind == "apiKey":
        return str(raw.get("in") or "header"), str(raw.get("name") or "")
    if isinstance(kind, str) and kind in _BEARER_LIKE:
        return _BEARER_LIKE[kind], ""
    return "mutualTLS", ""


def security_schemes(ctx: MergeContext) -> tuple[SecurityScheme, ...]:
    """The document's schemes, sorted by name."""
    tables = {
        loc: ((doc.get("components") or {}).get("securitySchemes") or {})
        for loc, doc in ctx.documents.items()
    }
    out = []
    for name in sorted(tables[ctx.primary]):
        raw = tables[ctx.primary][name]
        if not isinstance(raw, dict):
            continue
        kind, wire = _kind(raw)
        present = tuple(loc for loc in ctx.locales if name in tables[loc])
        description = ctx.text(
            Owner(),
            join_pointer("/components/securitySchemes", name, "description"),
            {
                loc: (tables[loc].get(name) or {}).get("description")
                for loc in present
                if isinstance(tables[loc].get(name), dict)
            },
            present,
        )
        out.append(SecurityScheme(name, kind, wire, description))
    return tuple(out)


def _requirements(value: Any) -> Security:
    if not isinstance(value, list):
        return ()
    return tuple(
        tuple(sorted(str(k) for k in entry))
        for entry in value
        if isinstance(entry, dict)
    )


def _check(
    security: Security, known: set[str], pointer: str, doc: LocaleDocument
) -> list[Problem]:
    problems = []
    for i, alternative in enumerate(security):
        for name in alternative:
            if name not in known:
                where = join_pointer(pointer, i, name)
                defined = ", ".join(sorted(known)) or "none"
                problems.append(
                    Problem(
                        f"security requirement names the undefined scheme {name!r} "
                        f"(components.securitySchemes defines: {defined})",
                        doc.files_for(where),
                        doc.locale,
                        where,
                    )
                )
    return problems


def attach_security(
    primary: LocaleDocument,
    schemes: tuple[SecurityScheme, ...],
    operations: tuple[Operation, ...],
) -> tuple[Security, tuple[Operation, ...]]:
    """The document's ``security``, and the operations with their own ``security``.

    InputError when a requirement names a scheme that is not defined.
    """
    import dataclasses

    doc = primary.document
    known = {s.name for s in schemes}
    default = _requirements(doc.get("security"))
    problems = _check(default, known, "/security", primary)
    paths = doc.get("paths") or {}
    out = []
    for op in operations:
        item = paths.get(op.path) if isinstance(paths, dict) else None
        raw = operation_object(item, op.method.lower())
        if isinstance(raw, dict) and "security" in raw:
            own = _requirements(raw["security"])
            where = operation_pointer(op.path, item, op.method.lower())
            pointer = join_pointer(where, "security")
            problems += _check(own, known, pointer, primary)
            op = dataclasses.replace(op, security=own)
        out.append(op)
    if problems:
        raise InputError(problems)
    return default, tuple(out)
