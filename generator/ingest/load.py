"""Load stage: spec files and documentation pages -> one raw document per locale."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.ingest import held
from generator.ingest.json_reading import fast_json
from generator.ingest.locales import locale_from_path, normalize
from generator.ingest.pages import spec_blocks
from generator.ingest.refs import bundle, only_local_refs
from generator.problems import InputError, Problem, join_pointer

SPEC_SUFFIXES = (".json", ".yaml", ".yml")
PAGE_SUFFIXES = (".txt", ".md", ".mdx")
OVERLAY_SUFFIX = ".overlay.yaml"


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
    referenced: tuple[str, ...] = ()  # other files its references brought in

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
    """A path as the user would recognise it: relative to the working directory (with
    ``..`` when outside it), never absolute unless on another drive."""
    return _display(os.path.abspath(path), os.getcwd())


@lru_cache(maxsize=65536)
def _display(path: str, cwd: str) -> str:
    try:
        return Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).as_posix()


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


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        return held.read_bytes(path)
    except OSError as exc:
        raise InputError([Problem(f"cannot read: {exc.strerror}", (shown,))]) from None


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
                        # the folder's own name counts: specs/api/en is the en locale
                        rel = Path(root.resolve().name) / file.relative_to(root)
                        found.append((file, rel.as_posix(), False))
        elif root.is_file():
            found.append((root, raw, True))
        else:
            problems.append(Problem("no such file or folder", (raw,)))
    if problems:
        raise InputError(problems)
    return found


def _pages(
    text: str, shown: str, aliases: dict[str, str]
) -> list[tuple[str, str, dict[str, Any]]]:
    """(source document, locale, slice) for every fenced spec block of a page."""
    blocks, broken = spec_blocks(text)
    problems = [
        Problem(
            f"line {b.line}: {b.message}",
            (shown,),
            locale_from_path(b.source, aliases) if b.source else None,
        )
        for b in broken
    ]
    out = []
    for block in blocks:
        locale = locale_from_path(block.source, aliases)
        if locale is None:
            problems.append(
                Problem(
                    f"cannot tell the locale of source document {block.source!r}",
                    (shown,),
                )
            )
            continue
        data = parse_yaml(block.body, shown, locale, block.line)
        if not isinstance(data, dict):
            raise InputError(
                [Problem("the yaml block is not a mapping", (shown,), locale)]
            )
        out.append((block.source, locale, data))
    if problems:
        raise InputError(problems)
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


_NO_LOCALE = (
    "cannot tell the locale: {} documents name none (a single one would be the primary "
    "locale's); put each in a folder named after its locale (en/, zh/, ja-JP/)"
)


def load(
    paths: list[str],
    locale: str | None = None,
    primary: str = "en",
    aliases: dict[str, str] | None = None,
    keep: Callable[[str | None], bool] | None = None,
) -> list[LocaleDocument]:
    """Load every spec file and documentation page into one document per locale.

    ``locale`` states the locale of plain documents whose path names none; without it, a
    single such document is the ``primary`` locale's. ``aliases`` maps folder names that
    are not locale tags to locales. References to other files are bundled in. ``keep``,
    if given, says which locales' files are read (None: a file whose path names no
    locale); the others are not even opened (ingest/beside.py loads them elsewhere).
    """
    aliases = aliases or {}
    by_source: dict[tuple[str, str], LocaleDocument] = {}
    plain: list[tuple[Path, str, dict[str, Any]]] = []  # documents naming no locale
    parsed: dict[Path, tuple[Any, bool]] = {}
    problems: list[Problem] = []
    for file, rel, explicit in discover(paths):
        shown = display_path(file)
        try:
            if file.suffix.lower() in PAGE_SUFFIXES:
                blocks = _pages(_read_text(file, shown), shown, aliases)
                if not blocks and explicit:
                    raise InputError(
                        [Problem("no ```yaml <source> <method> <path> block", (shown,))]
                    )
                for source, loc, data in blocks:
                    if keep is not None and not keep(loc):
                        continue
                    key = (source, loc)
                    if key not in by_source:
                        by_source[key] = LocaleDocument(loc, source, (), {})
                    _union(by_source[key], data, shown)
                continue
            found = normalize(locale) if locale else locale_from_path(rel, aliases)
            if keep is not None and not keep(found):
                continue
            data = _parsed(file, parsed)
            if not isinstance(data, dict) or not (
                "openapi" in data or "swagger" in data
            ):
                if explicit:
                    message = "not an OpenAPI document (no 'openapi' field)"
                    raise InputError([Problem(message, (shown,))])
                continue
            if found is None:
                plain.append((file, shown, data))
                continue
            by_source[(shown, found)] = _document(file, found, data, parsed)
        except InputError as exc:
            problems.extend(exc.problems)
    if len(plain) == 1:
        file, shown, data = plain[0]
        try:
            by_source[(shown, primary)] = _document(file, primary, data, parsed)
        except InputError as exc:
            problems.extend(exc.problems)
    else:
        message = _NO_LOCALE.format(len(plain))
        problems += [Problem(message, (shown,)) for _, shown, _ in plain]
    if problems:
        raise InputError(problems)
    return _by_locale(by_source, paths)


def _parsed(file: Path, parsed: dict[Path, tuple[Any, bool]]) -> Any:
    """A file's content, parsed once per run (documents and the files they refer to),
    kept with whether its text shows only local references (refs.only_local_refs)."""
    key = Path(os.path.abspath(file))
    if key not in parsed:
        shown = display_path(file)
        suffix = file.suffix.lower()
        if suffix == ".json":
            data = _read_bytes(file, shown)
            done, value = fast_json(data)
            if done:
                local = held.verdict(file, lambda: only_local_refs(data))
                parsed[key] = (value, local)
                return value
        text = _read_text(file, shown)
        parsed[key] = (_parse_document(text, shown, suffix), only_local_refs(text))
    return parsed[key][0]


def _document(
    file: Path,
    locale: str,
    data: dict[str, Any],
    parsed: dict[Path, tuple[Any, bool]],
) -> LocaleDocument:
    shown = display_path(file)
    local = parsed[Path(os.path.abspath(file))][1]
    bundled = bundle(
        data, file, locale, lambda path: _parsed(path, parsed), display_path, local
    )
    doc = LocaleDocument(locale, shown, (shown,), bundled.document)
    doc.origins.update(bundled.origins)
    doc.referenced = bundled.files
    return doc


def _by_locale(
    by_source: dict[tuple[str, str], LocaleDocument], paths: list[str]
) -> list[LocaleDocument]:
    """One document per locale; files another document refers to are parts of it."""
    referenced = {f for doc in by_source.values() for f in doc.referenced}
    problems = []
    by_locale: dict[str, LocaleDocument] = {}
    for (source, loc), doc in sorted(by_source.items()):
        if source in referenced:
            continue
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
