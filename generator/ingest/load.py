"""Load stage: spec files and documentation pages -> one raw document per locale."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.ingest.locales import locale_from_path, normalize
from generator.problems import InputError, Problem, join_pointer

SPEC_SUFFIXES = (".json", ".yaml", ".yml")
PAGE_SUFFIXES = (".txt", ".md", ".mdx")
OVERLAY_SUFFIX = ".overlay.yaml"

# ```yaml /zh/api-reference/openapi_chatflow.json put /conversations/{id}   (3 or 4 ticks)
_FENCE = re.compile(
    r"^(?P<ticks>`{3,4})yaml[ \t]+(?P<source>\S+)[ \t]+(?P<method>[A-Za-z]+)[ \t]+"
    r"(?P<path>\S+)[ \t]*\n(?P<body>.*?)^(?P=ticks)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


@lru_cache(maxsize=1)
def _loader() -> Any:
    """Safe YAML loader (C-accelerated where available) that keeps dates as strings.

    PyYAML is imported here, when a YAML file is read: ``check`` on unchanged JSON input
    never needs it.
    """
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        yaml_implicit_resolvers = {
            first: [
                (tag, rx)
                for tag, rx in resolvers
                if tag != "tag:yaml.org,2002:timestamp"
            ]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

    return Loader


@dataclass
class LocaleDocument:
    """One locale's complete document, with the files it came from."""

    locale: str
    source: str
    files: tuple[str, ...]
    document: dict[str, Any]
    # JSON-pointer prefix -> files that define it (for pages; used to name files in errors)
    origins: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def files_for(self, pointer: str) -> tuple[str, ...]:
        """The files that define the part of the document under ``pointer``."""
        best = ""
        for prefix in self.origins:
            if (pointer == prefix or pointer.startswith(prefix + "/")) and len(
                prefix
            ) > len(best):
                best = prefix
        return self.origins.get(best, self.files)


def display_path(path: Path) -> str:
    """A path as the user would recognise it: relative to the working directory if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _stringify_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_keys(v) for v in value]
    return value


def parse_yaml(
    text: str, file: str, locale: str | None = None, line_offset: int = 0
) -> Any:
    """Parse YAML safely; a syntax error becomes a Problem naming file and line."""
    import yaml

    try:
        return _stringify_keys(yaml.load(text, Loader=_loader()))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1 + line_offset})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(
            [Problem(f"invalid YAML{where}: {problem}", (file,), locale)]
        ) from None


def _parse_document(text: str, file: str, suffix: str) -> Any:
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                [
                    Problem(
                        f"invalid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}",
                        (file,),
                    )
                ]
            ) from None
    return parse_yaml(text, file)


def _read_text(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError([Problem("not UTF-8 text", (shown,))]) from None
    except OSError as exc:
        raise InputError([Problem(f"cannot read: {exc.strerror}", (shown,))]) from None


def discover(paths: list[str]) -> list[tuple[Path, str, bool]]:
    """Expand files and folders into (file, path for locale detection, named explicitly)."""
    found: list[tuple[Path, str, bool]] = []
    problems = []
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames.sort()
                for name in sorted(filenames):
                    file = Path(dirpath) / name
                    if file.name.lower().endswith(OVERLAY_SUFFIX):
                        continue  # a translation overlay (generator.translate), not a spec
                    if file.suffix.lower() in SPEC_SUFFIXES + PAGE_SUFFIXES:
                        found.append((file, file.relative_to(root).as_posix(), False))
        elif root.is_file():
            found.append((root, raw, True))
        else:
            problems.append(Problem("no such file or folder", (raw,)))
    if problems:
        raise InputError(problems)
    return found


def _pages(text: str, shown: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(source document, locale, slice) for every fenced spec block of a page."""
    out = []
    for match in _FENCE.finditer(text):
        source = match.group("source")
        locale = locale_from_path(source)
        if locale is None:
            raise InputError(
                [
                    Problem(
                        f"cannot tell the locale of source document {source!r}",
                        (shown,),
                    )
                ]
            )
        line = text.count("\n", 0, match.start("body"))
        data = parse_yaml(match.group("body"), shown, locale, line)
        if not isinstance(data, dict):
            raise InputError(
                [Problem("the yaml block is not a mapping", (shown,), locale)]
            )
        out.append((source, locale, data))
    return out


def _union(into: LocaleDocument, data: dict[str, Any], shown: str) -> None:
    """Add one page's slice to the document of its source: operations and components unite."""
    doc = into.document
    problems = []
    for key, value in data.items():
        if key == "paths":
            paths = doc.setdefault("paths", {})
            for path, item in (value or {}).items():
                target = paths.setdefault(path, {})
                for method, op in (item or {}).items():
                    ptr = join_pointer("/paths", path, method)
                    if method in target and target[method] != op:
                        problems.append(
                            Problem(
                                "defined differently on two pages",
                                into.origins[ptr] + (shown,),
                                into.locale,
                                ptr,
                            )
                        )
                    elif method not in target:
                        target[method] = op
                        into.origins[ptr] = (shown,)
                    else:
                        into.origins[ptr] += (shown,)
        elif key == "components":
            components = doc.setdefault("components", {})
            for kind, entries in (value or {}).items():
                target = components.setdefault(kind, {})
                for name, entry in (entries or {}).items():
                    ptr = join_pointer("/components", kind, name)
                    if name in target and target[name] != entry:
                        problems.append(
                            Problem(
                                f"component {name!r} is defined differently on two pages",
                                into.origins[ptr] + (shown,),
                                into.locale,
                                ptr,
                            )
                        )
                    elif name not in target:
                        target[name] = entry
                        into.origins[ptr] = (shown,)
                    else:
                        into.origins[ptr] += (shown,)
        elif key not in doc:
            doc[key] = value
        elif doc[key] != value:
            problems.append(
                Problem(
                    "defined differently on two pages",
                    into.files + (shown,),
                    into.locale,
                    "/" + key,
                )
            )
    if problems:
        raise InputError(problems)
    if shown not in into.files:
        into.files += (shown,)


def load(paths: list[str], locale: str | None = None) -> list[LocaleDocument]:
    """Load every spec file and documentation page into one document per locale.

    ``locale`` states the locale of plain documents whose path names none.
    """
    by_source: dict[tuple[str, str], LocaleDocument] = {}
    problems: list[Problem] = []
    for file, rel, explicit in discover(paths):
        shown = display_path(file)
        try:
            text = _read_text(file, shown)
            if file.suffix.lower() in PAGE_SUFFIXES:
                blocks = _pages(text, shown)
                if not blocks and explicit:
                    raise InputError(
                        [Problem("no ```yaml <source> <method> <path> block", (shown,))]
                    )
                for source, loc, data in blocks:
                    key = (source, loc)
                    if key not in by_source:
                        by_source[key] = LocaleDocument(loc, source, (), {})
                    _union(by_source[key], data, shown)
                continue
            data = _parse_document(text, shown, file.suffix.lower())
            if not isinstance(data, dict) or not (
                "openapi" in data or "swagger" in data
            ):
                if explicit:
                    raise InputError(
                        [
                            Problem(
                                "not an OpenAPI document (no 'openapi' field)", (shown,)
                            )
                        ]
                    )
                continue
            found = normalize(locale) if locale else locale_from_path(rel)
            if found is None:
                raise InputError(
                    [
                        Problem(
                            "cannot tell the locale: name it with --locale or put the file in a folder named after it (en/, zh/, ja-JP/)",
                            (shown,),
                        )
                    ]
                )
            by_source[(shown, found)] = LocaleDocument(found, shown, (shown,), data)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    by_locale: dict[str, LocaleDocument] = {}
    for (source, loc), doc in sorted(by_source.items()):
        if loc in by_locale:
            other = by_locale[loc]
            problems.append(
                Problem(
                    f"two documents for one locale: {other.source!r} and {source!r}",
                    other.files + doc.files,
                    loc,
                )
            )
        by_locale[loc] = doc
    if problems:
        raise InputError(problems)
    if not by_locale:
        raise InputError(
            [Problem("no OpenAPI document or documentation page found", tuple(paths))]
        )
    return list(by_locale.values())
