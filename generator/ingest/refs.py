"""External references: ``$ref`` to other files bundled into one self-contained document.

A reference to another file (``other.yaml#/components/schemas/X``, ``schemas/Pet.yaml``,
``../common.yaml#/Error``) is replaced by a local one: what it points at is copied into the
root document's components, under its component name (``X``) or, for a whole file or any
other pointer in a schema, under the file's or the pointer's last name (``Pet``), made
unique with ``_2``, ``_3`` in the order met. Anything else (a path item, a parameter that is
not a component) is copied in place. Each target is copied once, so cycles across files end
in local references; only a cycle of in-place copies is an error.

Every later stage therefore sees one document with local references only.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AnyStr
from urllib.parse import unquote

from generator.ingest import held
from generator.ingest.pointers import resolve_pointer
from generator.problems import InputError, Problem, join_pointer

# keys whose values are schemas (or hold schemas): a reference below them is a schema
_SCHEMA_KEYS = frozenset(
    """schema schemas items additionalProperties not allOf anyOf oneOf properties
    patternProperties prefixItems contains if then else dependentSchemas propertyNames
    unevaluatedItems unevaluatedProperties""".split()
)
_COMPONENT = re.compile(r"^/components/([A-Za-z]+)/([^/]+)$")
_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")

Read = Callable[[Path], Any]  # a file's parsed content; InputError when it has none
Show = Callable[[Path], str]  # a file's name as printed


@dataclass
class Bundled:
    document: dict[str, Any]
    # "/components/<kind>/<name>" -> the file the component was copied from
    origins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    files: tuple[str, ...] = ()  # the other files read, as shown


def is_extension(key: object) -> bool:
    """An ``x-`` key: its value is the vendor's, opaque to OpenAPI (a ``$ref`` in it, such
    as Bump.sh's ``x-topics`` pointing at Markdown, is not a reference to resolve)."""
    return isinstance(key, str) and key.startswith("x-")


def has_external_refs(node: Any) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                return True
            stack.extend(v for k, v in item.items() if not is_extension(k))
        elif isinstance(item, list):
            stack.extend(item)
    return False


# a reference to another file, as written in JSON or YAML: $ref: "other.yaml#/x" (the
# pattern starts at the literal "$ref", so the scan skips ahead to each occurrence)
_FILE_REF = re.compile(r"""\$ref["']?\s*:\s*["']?([^"'#\s,}]+)""")


# each "$ref" key and the first character of its value as written: "#" for a local one
_ANY_REF = r"""\$ref["']?\s*:\s*["']?(.)"""
# an escape that could spell "$ref" in a key: \u0024 (JSON, YAML), \x24, \U00000024
_ESCAPED = r"\\(?:u00|x|U000000)(?:24|72|65|66)"
_TEXT = (re.compile(_ANY_REF), re.compile(_ESCAPED, re.IGNORECASE))
_BYTES = (re.compile(_ANY_REF.encode()), re.compile(_ESCAPED.encode(), re.IGNORECASE))


def only_local_refs(text: str | bytes) -> bool:
    """Whether the document parsed from ``text`` (or its UTF-8 bytes: the same verdict)
    surely refers to no other file: every "$ref" written in it is a key followed by a
    "#" pointer, and no escape could spell another (anything else, even a "$ref" in
    prose, says "maybe": the document is walked).
    """
    if isinstance(text, bytes):
        return _only_local(text, *_BYTES, b"$ref", b"#")
    return _only_local(text, *_TEXT, "$ref", "#")


def _only_local(
    text: AnyStr,
    any_ref: re.Pattern[AnyStr],
    escaped: re.Pattern[AnyStr],
    ref: AnyStr,
    local: AnyStr,
) -> bool:
    if escaped.search(text):
        return False
    found = any_ref.findall(text)
    return len(found) == text.count(ref) and all(first == local for first in found)


def referenced_files(files: list[Path]) -> list[Path]:
    """The files ``files`` refer to, directly or through others, that are not among
    them: what the output depends on besides them (found in the text, without parsing).
    """
    known = {Path(os.path.abspath(f)) for f in files}
    todo, found = sorted(known), []
    while todo:
        file = todo.pop()
        try:
            data = held.read_bytes(file)
            # most documents refer to no other file: their bytes say so at once,
            # without decoding them (Twilio's five documents, first call: 27 -> 10 ms)
            if held.verdict(file, lambda: only_local_refs(data)):
                continue
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for location in _FILE_REF.findall(text):
            if "://" in location:
                continue
            target = Path(os.path.normpath(file.parent / unquote(location)))
            if target not in known and target.is_file():
                known.add(target)
                found.append(target)
                todo.append(target)
    return sorted(found)


def bundle(
    document: dict[str, Any],
    file: Path,
    locale: str,
    read: Read,
    show: Show,
    local_only: bool = False,
) -> Bundled:
    """``document`` (``locale``'s, read from ``file``) with every external reference
    made local; InputError names each reference that cannot be resolved. ``local_only``:
    its text showed it has none (only_local_refs), so it is not walked for them."""
    if local_only or not has_external_refs(document):
        return Bundled(document)
    root = Path(os.path.abspath(file))
    return _Bundler(document, root, locale, read, show).run()


class _Bundler:
    def __init__(
        self, document: dict[str, Any], file: Path, locale: str, read: Read, show: Show
    ):
        self.root, self.file, self.read, self.show = document, file, read, show
        self.locale = locale
        self.local: dict[tuple[Path, str], str] = {}  # (file, pointer) -> local $ref
        self.todo: list[tuple[str, str, Path, str]] = []  # kind, name, file, pointer
        self.origins: dict[str, tuple[str, ...]] = {}
        self.files: dict[str, None] = {}
        self.problems: list[Problem] = []
        self.placed: set[int] = set()  # components copied in: walked from ``todo``

    def run(self) -> Bundled:
        # a component of the root that is a reference to another file keeps its name,
        # wherever the file is met first
        for kind, entries in (self.root.get("components") or {}).items():
            for name, entry in (
                (entries or {}).items() if isinstance(entries, dict) else ()
            ):
                ref = entry.get("$ref") if isinstance(entry, dict) else None
                if isinstance(ref, str) and not ref.startswith("#"):
                    key = self._key(ref, self.file)
                    here = join_pointer("/components", kind, name)
                    self.local.setdefault(key, "#" + here)
        self._walk(self.root, self.file, False, "", ())
        while self.todo:
            kind, name, file, pointer = self.todo.pop()
            place = self.root["components"][kind]
            place[name] = self._walk(place[name], file, kind == "schemas", pointer, ())
        if self.problems:
            raise InputError(self.problems)
        return Bundled(self.root, self.origins, tuple(self.files))

    def _walk(
        self,
        node: Any,
        base: Path,
        schema: bool,
        where: str,
        inlining: tuple[tuple[Path, str], ...],
    ) -> Any:
        """``node`` (found at ``where`` in ``base``) with its references made local: the
        containers are changed in place; a reference itself is replaced (returned)."""
        top = self._replace(node, base, schema, where, inlining)
        if top is not node or not isinstance(top, (dict, list)):
            return top  # a replacement is made of walked parts already
        stack = [(top, schema, where)]
        while stack:
            item, in_schema, at = stack.pop()
            pairs = list(item.items()) if isinstance(item, dict) else enumerate(item)
            for key, value in pairs:
                if is_extension(key) and isinstance(item, dict):
                    continue
                if isinstance(value, (dict, list)) and id(value) not in self.placed:
                    here = join_pointer(at, key)
                    deeper = in_schema or key in _SCHEMA_KEYS
                    item[key] = self._replace(value, base, deeper, here, inlining)
                    if item[key] is value:
                        stack.append((value, deeper, here))
        return top

    def _replace(
        self,
        value: Any,
        base: Path,
        schema: bool,
        where: str,
        inlining: tuple[tuple[Path, str], ...],
    ) -> Any:
        """A reference to replace -> its replacement (siblings kept); anything else as is."""
        ref = value.get("$ref") if isinstance(value, dict) else None
        if not isinstance(ref, str) or (base == self.file and ref.startswith("#")):
            return value
        replaced = self._reference(ref, base, schema, where, inlining)
        if replaced is None:
            return value
        siblings = {k: v for k, v in value.items() if k != "$ref"}
        siblings = self._walk(siblings, base, schema, where, inlining)
        if not siblings:
            return replaced
        if isinstance(replaced, dict) and "$ref" not in replaced:
            return {**replaced, **siblings}
        return {**siblings, "$ref": replaced["$ref"]}

    def _reference(
        self,
        ref: str,
        base: Path,
        schema: bool,
        where: str,
        inlining: tuple[tuple[Path, str], ...],
    ) -> Any:
        """The local ``{"$ref": ...}`` (or the copied content) for ``ref`` in ``base``;
        None when it cannot be resolved (the problem is recorded)."""
        location, _, fragment = ref.partition("#")
        fragment = unquote(fragment)
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", location):
            return self._problem(
                f"remote $ref {ref!r} (only files are read)", base, where
            )
        key = self._key(ref, base)
        target = key[0]
        if target == self.file:
            return {"$ref": "#" + fragment}
        root_component = base == self.file and _COMPONENT.match(where) is not None
        if key in self.local and not (
            root_component and self.local[key] == "#" + where
        ):
            return {"$ref": self.local[key]}
        if not target.is_file():
            return self._problem(f"$ref {ref!r}: no such file", base, where)
        try:
            content = self.read(target)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None
        try:
            found = resolve_pointer(content, "#" + fragment) if fragment else content
        except KeyError:
            return self._problem(f"unresolvable $ref {ref!r}", base, where)
        if not isinstance(found, (dict, list)):
            what = (
                "holds no JSON or YAML object" if not fragment else "is not an object"
            )
            return self._problem(f"$ref {ref!r}: what it names {what}", base, where)
        self.files.setdefault(self.show(target))
        component = _COMPONENT.match(fragment)
        if component is None and not schema:
            if key in inlining:
                return self._problem(
                    f"$ref {ref!r} refers back to itself through other files",
                    base,
                    where,
                )
            return self._copy(found, target, False, fragment, inlining + (key,))
        if root_component and self.local.setdefault(key, "#" + where) == "#" + where:
            self.origins[where] = (self.show(target),)
            return self._copy(found, target, schema, fragment, inlining)
        kind = component.group(1) if component else "schemas"
        if component:
            name = component.group(2)
        else:
            name = (
                fragment.rsplit("/", 1)[-1] if fragment else target.name.split(".")[0]
            )
        local = self._place(kind, name, key)
        entry = copy.deepcopy(found)
        self.root.setdefault("components", {}).setdefault(kind, {})[local] = entry
        self.placed.add(id(entry))
        pointer = join_pointer("/components", kind, local)
        self.origins[pointer] = (self.show(target),)
        self.todo.append((kind, local, target, fragment))
        return {"$ref": "#" + pointer}

    def _copy(
        self,
        found: Any,
        file: Path,
        schema: bool,
        pointer: str,
        inlining: tuple[tuple[Path, str], ...],
    ) -> Any:
        return self._walk(copy.deepcopy(found), file, schema, pointer, inlining)

    def _key(self, ref: str, base: Path) -> tuple[Path, str]:
        """(the file, the pointer in it) a reference in ``base`` names."""
        location, _, fragment = ref.partition("#")
        if not location:
            return base, unquote(fragment)
        return Path(os.path.normpath(base.parent / unquote(location))), unquote(
            fragment
        )

    def _place(self, kind: str, name: str, key: tuple[Path, str]) -> str:
        """A free component name for ``key``'s content, remembered as its local ref."""
        taken = (self.root.get("components") or {}).get(kind) or {}
        stem = _NAME_CHARS.sub("_", name).strip("_") or kind.rstrip("s")
        local, n = stem, 1
        while local in taken:
            n += 1
            local = f"{stem}_{n}"
        self.local[key] = "#" + join_pointer("/components", kind, local)
        return local

    def _problem(self, message: str, base: Path, where: str) -> None:
        self.problems.append(
            Problem(
                message, (self.show(base),), self.locale, join_pointer(where, "$ref")
            )
        )
        return None
