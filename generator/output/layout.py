"""Black's layout, by construction, for the few statement shapes the templates emit.

Running black over every generated file is the largest cost of a first run. The templates
emit code in black's style (blank lines, exploded literals with trailing commas, quotes), so
the only lines black would still change are the ones longer than the line length. This module
splits those lines exactly the way black does, for these shapes:

- ``from module import a, b``            -> parenthesized, one name per line, trailing comma
- ``def name(params) -> ret:``           -> params on one indented line, else one per line
- ``target = callee(arg)`` / ``return callee(arg)`` -> the argument on its own line
- ``"key": "value",`` / ``"name",`` (entries of the lazy-import tables) -> left as they
  are: black has nowhere to split them
- ``name: annotation = default`` (a field, or a parameter of a split ``def``) -> a union
  annotation in parentheses, one member per line when needed; a subscript split at its
  bracket; a ``_field(...)`` default split at its parenthesis

``lay_out`` returns None as soon as a line is outside what is handled here (another shape,
a piece that is still too long after splitting, non-ASCII text whose display width black
measures differently, an escaped quote black would re-quote); the caller formats that file
with black itself. tests/client/test_layout.py checks every shape against black, across
lengths on both sides of the limit.
"""

from __future__ import annotations

import re

from generator.conventions import LINE_LENGTH
from generator.literals import literal as literal  # re-exported: layout.literal

_IMPORT = re.compile(r"( *)from ([\w.]+) import (\w+(?:, \w+)*)")
_DEF = re.compile(r"( *)((?:async )?def \w+)\((.*)\)( -> [^:]+)?:")
_CALL = re.compile(r"( *)((?:return |[\w.]+ = )(?:await )?[\w.]+)\(([\w.]+)\)")
_ANNOTATED = re.compile(r"( *)(\w+: )(.+) = (\w+|_field\(.*\))(,?)")
_UNSPLITTABLE = re.compile(r' *"[\w.]*"(?:: "[\w.]*")?,')
_SUBSCRIPT = re.compile(r"(\w+)\[([^\[\]]*)\]")


def lay_out(text: str) -> str | None:
    """``text`` as black would format it, or None when black has to be asked."""
    lines: list[str] = []
    blank = 0
    for line in text.split("\n"):
        if not line.isascii() or '\\"' in line:
            return None
        if not line.strip():
            blank += 1
            continue
        if blank and lines:
            lines.extend([""] * _blank_lines(line, blank))
        blank = 0
        if len(line) > LINE_LENGTH:
            split = _split(line)
            if split is None:
                return None
            lines.extend(split)
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _blank_lines(line: str, found: int) -> int:
    """Black's count of blank lines before ``line``, given ``found`` in the template output.

    Two before a top-level definition; otherwise what the template wrote, at most two at
    the top level and one inside a block. None at the end of the file.
    """
    if line[0] != " ":
        if line.startswith(("class ", "def ", "async def ", "@")):
            return 2
        return min(found, 2)
    return 1


def _split(line: str) -> list[str] | None:
    if _UNSPLITTABLE.fullmatch(line):
        return [line]  # a string entry of a literal: black has nowhere to split it
    for shape, split in (
        (_IMPORT, _split_import),
        (_DEF, _split_def),
        (_CALL, _split_call),
        (_ANNOTATED, _split_annotated),
    ):
        match = shape.fullmatch(line)
        if match:
            lines = split(*match.groups())
            if lines is not None and all(len(out) <= LINE_LENGTH for out in lines):
                return lines
            return None
    return None


def _split_import(indent: str, module: str, names: str) -> list[str]:
    inner = indent + "    "
    return [
        f"{indent}from {module} import (",
        *(f"{inner}{name}," for name in names.split(", ")),
        f"{indent})",
    ]


def _split_def(
    indent: str, head: str, params: str, ret: str | None
) -> list[str] | None:
    inner = indent + "    "
    parts = split_top_level(params)
    tail = f"{indent}){ret or ''}:"
    one_line = f"{inner}{params}"
    if len(parts) > 1 and len(one_line) <= LINE_LENGTH:
        return [f"{indent}{head}(", one_line, tail]
    lines = [f"{indent}{head}("]
    for part in parts:
        line = f"{inner}{part},"
        if len(line) > LINE_LENGTH:
            match = _ANNOTATED.fullmatch(line)
            split = _split_annotated(*match.groups()) if match else None
            if split is None:
                return None
            lines.extend(split)
        else:
            lines.append(line)
    lines.append(tail)
    return lines


def _split_call(indent: str, head: str, arg: str) -> list[str]:
    return [f"{indent}{head}(", f"{indent}    {arg}", f"{indent})"]


def _split_annotated(
    indent: str, name: str, annotation: str, default: str, comma: str
) -> list[str] | None:
    inner = indent + "    "
    if default.startswith("_field("):
        if len(f"{indent}{name}{annotation} = _field(") > LINE_LENGTH:
            return None
        args = default[len("_field(") : -1]
        parts = split_top_level(args)
        if len(f"{inner}{args}") <= LINE_LENGTH:
            body = [f"{inner}{args}"]
        else:
            body = [f"{inner}{part}," for part in parts]
        return [f"{indent}{name}{annotation} = _field(", *body, f"{indent}){comma}"]
    if len(f"{indent}{name}{annotation} =") < LINE_LENGTH:
        # black keeps the annotation whole and puts the default in parentheses
        if comma:
            return None
        return [f"{indent}{name}{annotation} = (", f"{inner}{default}", f"{indent})"]
    members = split_top_level(annotation, " | ")
    if len(members) > 1:
        if len(f"{inner}{annotation}") <= LINE_LENGTH:
            body = [f"{inner}{annotation}"]
        else:
            body = []
            for i, member in enumerate(members):
                split = _split_subscript(inner, "| " if i else "", member, "")
                if split is None:
                    return None
                body.extend(split)
        return [f"{indent}{name}(", *body, f"{indent}) = {default}{comma}"]
    return _split_subscript(indent, name, annotation, f" = {default}{comma}")


def _split_subscript(
    indent: str, prefix: str, term: str, suffix: str
) -> list[str] | None:
    """``prefix term suffix`` on one line, else ``term`` split at its (flat) subscript."""
    if len(f"{indent}{prefix}{term}{suffix}") <= LINE_LENGTH:
        return [f"{indent}{prefix}{term}{suffix}"]
    match = _SUBSCRIPT.fullmatch(term)
    if match is None:
        return None
    items = split_top_level(match.group(2))
    if len(items) < 2:
        return None  # black keeps a one-element subscript from becoming a tuple
    inner = indent + "    "
    if len(f"{inner}{match.group(2)}") <= LINE_LENGTH:
        body = [f"{inner}{match.group(2)}"]
    else:
        body = [f"{inner}{item}," for item in items]
    return [f"{indent}{prefix}{match.group(1)}[", *body, f"{indent}]{suffix}"]


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """``text`` split at the separators outside brackets and string literals."""
    parts = []
    depth = 0
    quote = ""
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i].strip())
            start = i + len(separator)
            i = start
            continue
        i += 1
    parts.append(text[start:].strip())
    return [part for part in parts if part]
