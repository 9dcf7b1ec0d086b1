"""Translation overlays: OpenAPI Overlay 1.0 documents of prose ``update`` actions.

One overlay per locale lives in ``overlays/<locale>.overlay.yaml`` in the folder of the
target's specs (see ``folder``). Each action targets the object holding one piece of prose by
an RFC 9535 normalized path (``$['paths']['/x']['get']``), updates exactly one prose key,
and carries the SHA-256 of the primary text it translates (``x-source-sha256``) and that
text itself (``x-source-text``, the previous msgid when the source changes).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.ingest.load import OVERLAY_SUFFIX
from generator.ingest.locales import is_locale_tag, normalize
from generator.ingest.pointers import resolve_pointer
from generator.problems import InputError, Problem, join_pointer
from generator.translate.prose import PROSE_KEYS, tokens

FOLDER = "overlays"
SUFFIX = OVERLAY_SUFFIX
SHA = "x-source-sha256"
SOURCE = "x-source-text"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def folder(specs: tuple[str, ...]) -> Path:
    """Where a target's overlays live: ``overlays/`` in the folder of its first spec path.

    A spec file's folder counts when it is not named after a locale, else its parent
    (``specs/api/en/openapi.json`` -> ``specs/api/overlays``).
    """
    base = Path(specs[0]) if specs else Path(".")
    if not base.is_dir():
        base = base.parent
        if is_locale_tag(base.name):
            base = base.parent
    return base / FOLDER


def is_overlay(path: Path) -> bool:
    """Whether a file found among the specs is a translation overlay (not a spec)."""
    return path.name.lower().endswith(SUFFIX)


def overlay_files(specs: tuple[str, ...]) -> dict[str, Path]:
    """The overlay file of each locale that has one, by locale."""
    found = folder(specs)
    if not found.is_dir():
        return {}
    out = {}
    for path in sorted(found.iterdir()):
        if path.is_file() and is_overlay(path):
            out[normalize(path.name[: -len(SUFFIX)])] = path
    return out


# -- RFC 9535 normalized paths <-> JSON pointers -----------------------------------------
_SEGMENT = re.compile(r"\[(?:'((?:[^'\\]|\\.)*)'|(0|[1-9][0-9]*))\]")


def _quote(name: str) -> str:
    """A member name inside single quotes (RFC 9535: escapes as in JSON, plus ``\\'``)."""
    escaped = json.dumps(name, ensure_ascii=False)[1:-1].replace('\\"', '"')
    return escaped.replace("'", "\\'")


def _unquote(quoted: str) -> str:
    def swap(match: re.Match[str]) -> str:
        if match.group(0) == '"':
            return '\\"'
        return "'" if match.group(0) == "\\'" else match.group(0)

    return str(json.loads('"' + re.sub(r'\\.|"', swap, quoted) + '"'))


def to_path(pointer: str, document: Any) -> str:
    """The normalized path of a JSON pointer into ``document`` (which says what is a list)."""
    out, node = "$", document
    for token in tokens(pointer):
        if isinstance(node, list) and token.isdigit():
            out += f"[{token}]"
            node = node[int(token)] if int(token) < len(node) else None
        else:
            out += f"['{_quote(token)}']"
            node = node.get(token) if isinstance(node, dict) else None
    return out


def to_pointer(path: str) -> str | None:
    """The JSON pointer of a normalized path; None for any other JSONPath expression."""
    if not path.startswith("$"):
        return None
    position, parts = 1, []
    while position < len(path):
        match = _SEGMENT.match(path, position)
        if match is None:
            return None
        name, index = match.groups()
        try:
            parts.append(_unquote(name) if name is not None else str(index))
        except ValueError:
            return None
        position = match.end()
    return join_pointer("", *parts)


@dataclass(frozen=True)
class Action:
    """One translated piece of prose."""

    parent: str  # JSON pointer of the object updated
    key: str
    text: str
    sha: str  # fingerprint of the primary text translated
    source: str  # that primary text

    @property
    def pointer(self) -> str:
        return join_pointer(self.parent, self.key)


@dataclass(frozen=True)
class Overlay:
    locale: str
    file: str
    actions: tuple[Action, ...]

    def by_pointer(self) -> dict[str, Action]:
        return {a.pointer: a for a in self.actions}


def _action(raw: Any, where: str, bad: list[str]) -> Action | None:
    if not isinstance(raw, dict):
        bad.append(f"{where}: an action must be a mapping")
        return None
    if "remove" in raw or set(raw) - {"target", "update", "description", SHA, SOURCE}:
        extra = sorted(set(raw) - {"target", "update", "description", SHA, SOURCE})
        bad.append(
            f"{where}: only prose may change: unexpected {', '.join(extra)} "
            "(a translation overlay holds update actions only)"
        )
        return None
    parent = to_pointer(str(raw.get("target", "")))
    update = raw.get("update")
    if parent is None:
        bad.append(
            f"{where}: target {raw.get('target')!r} is not a normalized path "
            "($['paths']['/x']['get'])"
        )
        return None
    if not (isinstance(update, dict) and len(update) == 1):
        bad.append(f"{where}: update must set exactly one prose field")
        return None
    ((key, text),) = update.items()
    sha, source = raw.get(SHA), raw.get(SOURCE)
    if not isinstance(text, str):
        bad.append(f"{where}: only prose may change: {key!r} would become a non-text")
        return None
    if not (isinstance(sha, str) and isinstance(source, str)):
        bad.append(
            f"{where}: {SHA} and {SOURCE} (the primary text translated) are required"
        )
        return None
    return Action(parent, str(key), text, sha, source)


def read(path: Path, locale: str, shown: str) -> Overlay:
    """Parse an overlay file; InputError naming the file, locale and action when bad."""
    from generator.ingest.load import parse_yaml

    try:
        data = parse_yaml(path.read_text(encoding="utf-8"), shown, locale)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(f"cannot read: {exc}", (shown,), locale)]) from None
    if not isinstance(data, dict) or not str(data.get("overlay", "")).startswith("1.0"):
        raise InputError(
            [
                Problem(
                    "not an OpenAPI Overlay 1.0 document (overlay: 1.0.0)",
                    (shown,),
                    locale,
                    "/overlay",
                )
            ]
        )
    raw_actions = data.get("actions") or []
    if not isinstance(raw_actions, list):
        raise InputError(
            [Problem("actions must be a list", (shown,), locale, "/actions")]
        )
    actions, problems = [], []
    for index, raw in enumerate(raw_actions):
        bad: list[str] = []
        action = _action(raw, f"action {index}", bad)
        problems += [Problem(m, (shown,), locale, f"/actions/{index}") for m in bad]
        if action is not None:
            actions.append(action)
    if problems:
        raise InputError(problems)
    return Overlay(locale, shown, tuple(actions))


def check_structure(
    overlay: Overlay, holders: dict[str, str], primary: dict[str, Any]
) -> None:
    """Refuse actions aimed at anything but a prose field of an object that carries prose.

    ``holders`` are the primary document's objects that may carry prose, by pointer. An
    action whose object is gone from the primary document is left alone (it is stale).
    """
    problems = []
    for index, action in enumerate(overlay.actions):
        kind = holders.get(action.parent)
        if kind is None:
            try:
                resolve_pointer(primary, "#" + action.parent)
            except KeyError:
                continue
            message = (
                f"{to_path(action.parent, primary)} is not an object that carries prose"
            )
        elif action.key not in PROSE_KEYS[kind]:
            message = (
                f"{action.key!r} of a {kind} is not prose "
                f"(allowed: {', '.join(PROSE_KEYS[kind])})"
            )
        else:
            continue
        problems.append(
            Problem(
                f"action {index}: only prose may change: {message}",
                (overlay.file,),
                overlay.locale,
                f"/actions/{index}",
            )
        )
    if problems:
        raise InputError(problems)


def apply(document: dict[str, Any], overlay: Overlay, primary: dict[str, Any]) -> None:
    """Update ``document`` in place with every action whose primary text still exists.

    An action whose text is gone from the primary document is not applied (it is stale).
    """
    for action in overlay.actions:
        try:
            source = resolve_pointer(primary, "#" + action.pointer)
            node = resolve_pointer(document, "#" + action.parent)
        except KeyError:
            continue
        if isinstance(source, str) and isinstance(node, dict):
            node[action.key] = action.text


def dump(overlay: Overlay, title: str, primary: dict[str, Any]) -> str:
    """The overlay as YAML text, actions in the order given."""
    import yaml

    data = {
        "overlay": "1.0.0",
        "info": {"title": title, "version": "1.0.0"},
        "x-locale": overlay.locale,
        "actions": [
            {
                "target": to_path(a.parent, primary),
                "update": {a.key: a.text},
                SHA: a.sha,
                SOURCE: a.source,
            }
            for a in overlay.actions
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
