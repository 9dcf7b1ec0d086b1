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

import functools
import re

from generator.conventions import LINE_LENGTH
from generator.literals import literal as literal  # re-exported: layout.literal

_IMPORT = re.compile(r"( *)from ([\w.]+) import (\w+(?:, \w+)*)")
_DEF = re.compile(r"( *)((?:async )?def \w+)\((.*)\)( -> [^:]+)?:( \.\.\.)?")
_CALL = re.compile(r"( *)((?:return |[\w.]+ = )(?:await )?[\w.]+)\(([\w.]+)\)")
_ANNOTATED = re.compile(r"( *)(\w+: )(.+) = (\w+|_field\(.*\))(,?)")
# a string or ``"key": value`` entry of a literal: black has nowhere to split it
_UNSPLITTABLE = re.compile(r' *"[^"\\]*"(?:: (?:"[^"\\]*"|[\w.]+))?,')
_CLASS = re.compile(r"( *)(class \w+)\(([\w.]+)\):")
_STRINGS = re.compile(r'( *)([\w.]+ = )\[("[^"\\]*"(?:, "[^"\\]*")*)\]')
_KEYWORD_CALL = re.compile(r"( *)(\w+=[\w.]+)\(([\w.]+)\),")
# a line black cannot split any further: a name, a string, a union member, an entry
_ATOM = re.compile(
    r" *(?:from [\w.]+ import \(|"
    r"(?:\| |return |await |[\w.]+ = |class |(?:async )?def |\w+=|\w+: |\) -> )*"
    r'(?:[\w.]+|"[^"\\]*")\(?[,:]?)'
)
_BARE_CLASS = re.compile(r" *class \w+:")
_PARAM = re.compile(r"( *)(\w+: )(.+)(,)")
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
    if _UNSPLITTABLE.fullmatch(line) or _BARE_CLASS.fullmatch(line):
        return [line]
    for shape, split in (
        (_IMPORT, _split_import),
        (_DEF, _split_def),
        (_CALL, _split_call),
        (_ANNOTATED, _split_annotated),
        (_CLASS, _split_class),
        (_STRINGS, _split_strings),
        (_KEYWORD_CALL, _split_keyword_call),
    ):
        match = shape.fullmatch(line)
        if match:
            lines = split(*match.groups())
            if lines is not None and all(_fits(out) for out in lines):
                return lines
            return None
    return None


def _fits(line: str) -> bool:
    """Within the limit, or too long only where black has nowhere left to split."""
    return len(line) <= LINE_LENGTH or _ATOM.fullmatch(line) is not None


def _split_import(indent: str, module: str, names: str) -> list[str]:
    inner = indent + "    "
    return [
        f"{indent}from {module} import (",
        *(f"{inner}{name}," for name in names.split(", ")),
        f"{indent})",
    ]


def _split_def(
    indent: str, head: str, params: str, ret: str | None, stub: str | None = None
) -> list[str] | None:
    """A ``def`` line; ``stub`` is the ``...`` body of an overload, kept on the line."""
    inner = indent + "    "
    parts = split_top_level(params)
    tail = [f"{indent}){ret or ''}:{stub or ''}"]
    if len(tail[0]) > LINE_LENGTH and ret:
        if len(f"{inner}{ret[4:]}") <= LINE_LENGTH:
            # a return annotation too long for the closing line goes in parentheses
            tail = [f"{indent}) -> (", f"{inner}{ret[4:]}", f"{indent}):{stub or ''}"]
        elif stub or not re.fullmatch(r" -> [\w.]+", ret):
            return None
    one_line = f"{inner}{params}"
    if len(parts) > 1 and len(one_line) <= LINE_LENGTH:
        return [f"{indent}{head}(", one_line, *tail]
    lines = [f"{indent}{head}("]
    for part in parts:
        line = f"{inner}{part},"
        if len(line) > LINE_LENGTH:
            match = _ANNOTATED.fullmatch(line)
            if match:
                split = _split_annotated(*match.groups())
            else:
                required = _PARAM.fullmatch(line)
                split = _split_param(*required.groups()) if required else None
            if split is None:
                return None
            lines.extend(split)
        else:
            lines.append(line)
    lines.extend(tail)
    return lines


def _split_call(indent: str, head: str, arg: str) -> list[str]:
    """``return f(x)`` / ``t = f(x)``: split at the call's parenthesis while that line
    fits; else the value in (invisible) parentheses when its call then fits; else at the
    call's parenthesis anyway (nothing fits better)."""
    inner = indent + "    "
    plain = [f"{indent}{head}(", f"{inner}{arg}", f"{indent})"]
    if len(plain[0]) <= LINE_LENGTH:
        return plain
    if head.startswith("return "):
        prefix, value = "return", head[len("return ") :]
    else:
        target, _, value = head.partition(" = ")
        prefix = f"{target} ="
    if len(f"{inner}{value}(") > LINE_LENGTH:
        return plain
    body = f"{inner}{value}({arg})"
    if len(body) <= LINE_LENGTH:
        return [f"{indent}{prefix} (", body, f"{indent})"]
    return [
        f"{indent}{prefix} (",
        f"{inner}{value}(",
        f"{inner}    {arg}",
        f"{inner})",
        f"{indent})",
    ]


def _split_class(indent: str, head: str, base: str) -> list[str]:
    return [f"{indent}{head}(", f"{indent}    {base}", f"{indent}):"]


def _split_strings(indent: str, head: str, items: str) -> list[str]:
    """``X = ["a", "b"]``: a list literal of strings; several are one per line."""
    inner = indent + "    "
    parts = split_top_level(items)
    if len(parts) == 1:
        return [f"{indent}{head}[", f"{inner}{items}", f"{indent}]"]
    return [f"{indent}{head}[", *(f"{inner}{p}," for p in parts), f"{indent}]"]


def _split_keyword_call(indent: str, head: str, arg: str) -> list[str]:
    """``name=f(x),`` inside an exploded call."""
    return [f"{indent}{head}(", f"{indent}    {arg}", f"{indent}),"]


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
    members = split_top_level(annotation, " | ")
    if len(f"{indent}{name}{annotation} = (") <= LINE_LENGTH:
        if not comma:
            # a field: black keeps the annotation whole, the default in parentheses
            return [
                f"{indent}{name}{annotation} = (",
                f"{inner}{default}",
                f"{indent})",
            ]
        if len(members) == 1:
            return None
        # a parameter: the union annotation in parentheses
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
    if re.fullmatch(r"[\w.]+", annotation):
        # a name: in parentheses when it fits there, else black's own odd layout
        if len(f"{inner}{annotation}") > LINE_LENGTH:
            return None
        return [
            f"{indent}{name}(",
            f"{inner}{annotation}",
            f"{indent}) = {default}{comma}",
        ]
    return _split_subscript(indent, name, annotation, f" = {default}{comma}")


def _split_param(
    indent: str, name: str, annotation: str, comma: str
) -> list[str] | None:
    """A parameter without a default in a split ``def``: ``name: (a | b),`` or the
    annotation's subscript split."""
    members = split_top_level(annotation, " | ")
    if len(members) == 1:
        return _split_subscript(indent, name, annotation, comma)
    inner = indent + "    "
    if len(f"{inner}{annotation}") > LINE_LENGTH:
        return None
    return [f"{indent}{name}(", f"{inner}{annotation}", f"{indent}){comma}"]


def _split_subscript(
    indent: str, prefix: str, term: str, suffix: str
) -> list[str] | None:
    """``prefix term suffix`` on one line, else ``term`` split at its (flat) subscript."""
    if len(f"{indent}{prefix}{term}{suffix}") <= LINE_LENGTH:
        return [f"{indent}{prefix}{term}{suffix}"]
    match = _SUBSCRIPT.fullmatch(term)
    if match is None:
        whole = f"{indent}{prefix}{term}{suffix}"
        return [whole] if _ATOM.fullmatch(whole) else None
    items = split_top_level(match.group(2))
    inner = indent + "    "
    if len(items) < 2 or len(f"{inner}{match.group(2)}") <= LINE_LENGTH:
        # one element gets no trailing comma (it would make a tuple)
        body = [f"{inner}{match.group(2)}"]
    else:
        body = [f"{inner}{item}," for item in items]
    return [f"{indent}{prefix}{match.group(1)}[", *body, f"{indent}]{suffix}"]


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """``text`` split at the separators outside brackets and string literals."""
    parts = []
    depth = 0
    start = 0
    for match in _split_tokens(separator).finditer(text):
        first = match.group()[0]
        if first in "\"'":  # a string literal (to the end of the text if unclosed)
            continue
        if first in "([{":
            depth += 1
        elif first in ")]}":
            depth -= 1
        elif depth == 0:
            parts.append(text[start : match.start()].strip())
            start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


@functools.lru_cache(maxsize=None)
def _split_tokens(separator: str) -> re.Pattern[str]:
    """What ``split_top_level`` stops at: string literals (a backslash escapes the next
    character), brackets, and the separator; the text between is skipped in C."""
    return re.compile(
        r'"(?:[^"\\]|\\.?)*"?|\'(?:[^\'\\]|\\.?)*\'?|[(\[{)\]}]|'
        + re.escape(separator),
        re.DOTALL,
    )
