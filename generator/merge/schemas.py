"""Merge the schemas of every locale into one ``Schema`` tree, comparing structure.

Structure comes from the base locale (the primary, or the first locale that has the
owner); other locales are walked in parallel after resolving ``$ref``, so that the same shape
under a locale-suffixed component name, or inlined in one locale and referenced in
another, is one schema. A ``$ref`` to a component stops the walk: the component is merged
once, from the first partner each locale showed for it. Recursion therefore terminates.
"""

from __future__ import annotations

import re
from typing import Any

from generator.merge.drift import Owner
from generator.merge.model import NO_TEXT, Discriminator, Schema
from generator.merge.normalize import (
    SCHEMA_REF_PREFIX,
    agree,
    deref,
    same_spelling,
    schema_keywords,
    strip_prose,
)
from generator.merge.prose import MergeContext
from generator.problems import join_pointer

_LOCALE_SUFFIX = re.compile(r"(?:Cn|CN|Zh|ZH|Jp|JP|Ja|JA|Ko|KO|Kr|En|EN)$")


class SchemaMerger:
    def __init__(self, ctx: MergeContext) -> None:
        self.ctx = ctx
        # component name (as the base locale spells it) -> base locale and partner per locale
        self.base: dict[str, str] = {}
        self.partners: dict[str, dict[str, Any]] = {}
        self.merged: dict[str, tuple[frozenset[str], Schema]] = {}
        self.compared: set[tuple[str, str, int]] = set()

    # -- public -----------------------------------------------------------------------
    def walk(self, nodes: dict[str, Any], owner: Owner, pointer: str) -> Schema | None:
        """Merge one schema position given each locale's raw node (None where absent)."""
        ctx = self.ctx
        present = tuple(loc for loc in ctx.locales if nodes.get(loc) is not None)
        if not present:
            return None
        base_loc = present[0]
        raw = nodes[base_loc]
        if isinstance(raw, dict) and str(raw.get("$ref", "")).startswith(
            SCHEMA_REF_PREFIX
        ):
            return self._ref(raw, nodes, present, owner, pointer)
        resolved = {loc: deref(ctx.documents[loc], nodes[loc])[0] for loc in present}
        return self._inline(resolved, present, owner, pointer)

    def components(self) -> tuple[tuple[str, Schema], ...]:
        """Merge every component: those reached from operations, then the rest by name."""
        primary_doc = self.ctx.documents.get(self.ctx.primary, {})
        for name in sorted(_component_names(primary_doc)):
            if name not in self.base:
                self.base[name] = self.ctx.primary
                self.partners[name] = self._partners_by_name(name)
        while True:
            pending = [
                name
                for name in sorted(self.base)
                if self.merged.get(name, (None,))[0] != frozenset(self.partners[name])
            ]
            if not pending:
                break
            for name in pending:
                self._merge_component(name)
        return tuple((name, self.merged[name][1]) for name in sorted(self.merged))

    # -- internals --------------------------------------------------------------------
    def _ref(
        self,
        raw: dict[str, Any],
        nodes: dict[str, Any],
        present: tuple[str, ...],
        owner: Owner,
        pointer: str,
    ) -> Schema:
        ctx = self.ctx
        base_loc = present[0]
        name = str(raw["$ref"])[len(SCHEMA_REF_PREFIX) :]
        if name not in self.base:
            self.base[name] = base_loc
            self.partners[name] = {}
        for loc in present[1:]:
            target, _ = deref(ctx.documents[loc], _without_siblings(nodes[loc]))
            self._pair(name, loc, target)
        siblings = {
            loc: {k: v for k, v in nodes[loc].items() if k != "$ref"} for loc in present
        }
        sibling_locales = tuple(loc for loc in present if "$ref" in nodes[loc])
        if ctx.report:
            self._compare_keywords(
                {loc: schema_keywords(siblings[loc]) for loc in sibling_locales},
                owner,
                pointer,
            )
        return Schema(
            ref=name,
            **typed_keywords(siblings[base_loc]),
            description=ctx.text(
                owner,
                pointer + "/description",
                {l: siblings[l].get("description") for l in present},
                present,
                track=False,
            ),
        )

    def _pair(self, name: str, loc: str, target: Any) -> None:
        partners = self.partners[name]
        if loc not in partners:
            partners[loc] = target
            return
        if partners[loc] is target:
            return
        key = (name, loc, id(target))
        if key in self.compared:
            return
        self.compared.add(key)
        base_loc = self.base[name]
        base_raw = _component(self.ctx.documents[base_loc], name)
        recording, self.ctx.recording = self.ctx.recording, False
        try:
            self._inline(
                {base_loc: base_raw, loc: target},
                (base_loc, loc),
                Owner(schema=name),
                "",
            )
        finally:
            self.ctx.recording = recording

    def _partners_by_name(self, name: str) -> dict[str, Any]:
        found = {}
        for loc in self.ctx.locales[1:]:
            doc = self.ctx.documents[loc]
            for candidate in sorted(_component_names(doc)):
                if candidate == name or _LOCALE_SUFFIX.sub("", candidate) == name:
                    found[loc] = _component(doc, candidate)
                    break
        return found

    def _merge_component(self, name: str) -> None:
        base_loc = self.base[name]
        partners = dict(self.partners[name])
        raw = {base_loc: _component(self.ctx.documents[base_loc], name), **partners}
        present = tuple(loc for loc in self.ctx.locales if loc in raw)
        owner = Owner(schema=name)
        resolved = {loc: deref(self.ctx.documents[loc], raw[loc])[0] for loc in present}
        schema = self._inline(resolved, present, owner, "")
        self.merged[name] = (frozenset(partners), schema)
        for loc in self.ctx.locales:
            if loc not in present and self.ctx.recording:
                self.ctx.drift.fell_back(loc, owner, "", base_loc)

    def _compare_keywords(
        self, keywords: dict[str, dict[str, Any]], owner: Owner, pointer: str
    ) -> None:
        if len(keywords) < 2 or same_spelling(keywords.values()):
            return
        keys = sorted(set().union(*keywords.values()))
        for key in keys:
            values = {loc: kw.get(key) for loc, kw in keywords.items()}
            if not agree(values.values()):
                self.ctx.drift.differ(owner, join_pointer(pointer, key), values)

    def _inline(
        self,
        resolved: dict[str, Any],
        present: tuple[str, ...],
        owner: Owner,
        pointer: str,
    ) -> Schema:
        ctx = self.ctx
        nodes = {loc: n if isinstance(n, dict) else {} for loc, n in resolved.items()}
        base = nodes[present[0]]
        if ctx.report:
            self._compare_keywords(
                {loc: schema_keywords(nodes[loc]) for loc in present}, owner, pointer
            )

        def prose(key: str) -> Any:
            if not any(key in nodes[l] for l in present):
                return NO_TEXT  # no locale writes one (most titles)
            return ctx.text(
                owner,
                pointer + "/" + key,
                {l: nodes[l].get(key) for l in present},
                present,
            )

        def sub(key: str, *tokens: object) -> dict[str, Any]:
            out = {}
            for loc in present:
                value: Any = nodes[loc].get(key)
                for token in tokens:
                    value = value.get(token) if isinstance(value, dict) else None
                if value is not None:
                    out[loc] = value
            return out

        properties = []
        base_props = base.get("properties") or {}
        all_names = set().union(
            *((nodes[l].get("properties") or {}).keys() for l in present)
        )
        order = {name: index for index, name in enumerate(base_props)}
        for prop in sorted(
            all_names, key=lambda p: (p not in order, order.get(p, 0), p)
        ):
            child = sub("properties", prop)
            ptr = join_pointer(pointer, "properties", prop)
            if set(child) != set(present):
                ctx.drift.differ(
                    owner, ptr, {loc: strip_prose(child.get(loc)) for loc in present}
                )
            if prop in base_props:
                merged = self.walk(child, owner, ptr)
                if merged is not None:
                    properties.append((prop, merged))

        items = None
        if "items" in base:
            items = self.walk(sub("items"), owner, pointer + "/items")
        additional: Schema | bool | None = None
        if isinstance(base.get("additionalProperties"), dict):
            additional = self.walk(
                sub("additionalProperties"), owner, pointer + "/additionalProperties"
            )
        elif isinstance(base.get("additionalProperties"), bool):
            additional = bool(base["additionalProperties"])

        combos: dict[str, tuple[Schema, ...]] = {}
        for key in ("allOf", "anyOf", "oneOf"):
            lists = {loc: nodes[loc].get(key) or [] for loc in present}
            if len({len(v) for v in lists.values()}) > 1:
                ctx.drift.differ(
                    owner,
                    join_pointer(pointer, key),
                    {l: strip_prose(v) for l, v in lists.items()},
                )
            merged_list = []
            for index in range(len(lists[present[0]])):
                child = {loc: v[index] for loc, v in lists.items() if index < len(v)}
                merged = self.walk(child, owner, join_pointer(pointer, key, index))
                if merged is not None:
                    merged_list.append(merged)
            combos[key] = tuple(merged_list)

        return Schema(
            **typed_keywords(base),
            properties=tuple(properties),
            items=items,
            additional=additional,
            all_of=combos["allOf"],
            any_of=combos["anyOf"],
            one_of=combos["oneOf"],
            description=prose("description"),
            title=prose("title"),
            example=ctx.values({l: nodes[l].get("example") for l in present}),
        )


def typed_keywords(node: dict[str, Any]) -> dict[str, Any]:
    """The structural keywords the model keeps, as ``Schema``'s typed fields."""
    kind = node.get("type")
    types = tuple(str(t) for t in (kind if isinstance(kind, list) else [kind]) if t)
    enum = node.get("enum")
    raw = node.get("discriminator")
    discriminator = None
    if isinstance(raw, dict) and isinstance(raw.get("propertyName"), str):
        mapping = raw.get("mapping") or {}
        discriminator = Discriminator(
            raw["propertyName"],
            tuple(
                (str(value), str(target).removeprefix(SCHEMA_REF_PREFIX))
                for value, target in mapping.items()
            ),
        )
    fmt = node.get("format")
    required = node.get("required")
    return {
        "types": types,
        "format": fmt if isinstance(fmt, str) else None,
        "enum": tuple(enum) if isinstance(enum, list) else None,
        "const": (node["const"],) if "const" in node else (),
        "nullable": node.get("nullable") is True,
        "read_only": node.get("readOnly") is True,
        "write_only": node.get("writeOnly") is True,
        "required": tuple(
            sorted({str(r) for r in required}) if isinstance(required, list) else ()
        ),
        "discriminator": discriminator,
    }


def _without_siblings(node: Any) -> Any:
    if isinstance(node, dict) and "$ref" in node:
        return {"$ref": node["$ref"]}
    return node


def _component_names(document: dict[str, Any]) -> list[str]:
    return list(((document.get("components") or {}).get("schemas") or {}).keys())


def _component(document: dict[str, Any], name: str) -> Any:
    return ((document.get("components") or {}).get("schemas") or {}).get(name, {})
