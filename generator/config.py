"""Configuration: the ``[tool.generator]`` table of pyproject.toml + CLI flags -> frozen Config.

Defaults live here and nowhere else.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.problems import InputError, Problem

DEFAULT_PRIMARY = "en"
DEFAULT_OUT_ROOT = "generated"
NAMING_SCHEMES = ("path", "operation_id")  # the first is the default

_TARGET_KEYS: dict[str, type | tuple[type, ...]] = {
    "specs": list,
    "package": str,
    "locales": list,
    "primary": str,
    "locale": str,
    "env_prefix": str,
    "docs_url": str,
    "out": str,
    "names": str,
    "rename": dict,
    "cursor_from": dict,
    "streams": dict,
    "locale_aliases": dict,
    "validation": str,
}
VALIDATION_MODES = ("strict", "warn")
_TOP_KEYS: dict[str, type | tuple[type, ...]] = {"primary": str, "targets": dict}


@dataclass(frozen=True)
class Target:
    """One thing to generate: specs in, one distribution per locale out."""

    name: str
    specs: tuple[str, ...]
    package: str
    locales: tuple[str, ...]  # empty: every locale found
    primary: str
    locale: str | None  # locale of plain documents whose path names none
    env_prefix: str
    out: str
    # "METHOD /path" -> "resource.verb" (or just "verb", on the path's resource) overrides
    rename: tuple[tuple[str, str], ...] = ()
    names: str = NAMING_SCHEMES[0]  # method names from the path, or from operationId
    docs_url: str = ""  # site that root-relative links in the spec's prose point into
    # "METHOD /path" -> "first" | "last": the page item whose id is the next cursor
    cursor_from: tuple[tuple[str, str], ...] = ()
    # "METHOD /path" -> how it streams, where the spec does not say (see StreamRule)
    streams: tuple[tuple[str, StreamRule], ...] = ()
    # folder names that are not locale tags -> the locale they hold (``cn`` -> ``zh-Hans``)
    locale_aliases: tuple[tuple[str, str], ...] = ()
    validation: str = "strict"  # "warn": the validator's problems are warnings


@dataclass(frozen=True)
class StreamRule:
    """``streams = { "POST /chat-messages" = { events = "X", switch = "field=value" } }``:
    the component naming the events, and the body field and value that ask for a stream
    (``switch`` left out: the operation always streams)."""

    events: str
    switch_field: str = ""
    switch_value: str | bool = ""


@dataclass(frozen=True)
class Config:
    targets: tuple[Target, ...]


def env_prefix_for(package: str) -> str:
    """The default environment variable prefix: the package name upper-cased, ``_``-ended.

    ``petstore`` -> ``PETSTORE_`` (``PETSTORE_API_KEY``, ``PETSTORE_BASE_URL``).
    """
    stem = re.sub(r"[^A-Za-z0-9]+", "_", package).strip("_").upper()
    return f"{stem}_" if stem else ""


def _check(
    table: dict[str, Any], schema: dict[str, Any], where: str, file: str
) -> list[Problem]:
    problems = []
    for key, value in table.items():
        if key not in schema:
            problems.append(
                Problem(
                    f"unknown key {where}.{key} (known: {', '.join(sorted(schema))})",
                    (file,),
                )
            )
        elif not isinstance(value, schema[key]):
            problems.append(
                Problem(
                    f"{where}.{key} must be a {schema[key].__name__}, not {type(value).__name__}",
                    (file,),
                )
            )
        elif isinstance(value, list) and not all(isinstance(v, str) for v in value):
            problems.append(
                Problem(f"{where}.{key} must be a list of strings", (file,))
            )
        elif key == "locale_aliases":
            problems += _check_aliases(value, f"{where}.{key}", file)
        elif key == "validation" and value not in VALIDATION_MODES:
            problems.append(
                Problem(
                    f"{where}.{key} must be one of {', '.join(VALIDATION_MODES)}, not {value!r}",
                    (file,),
                )
            )
    return problems


_CURSOR_FROM = ("first", "last")


def operation_key(key: object) -> str | None:
    """``"METHOD /path"`` with the method in capitals (the key the ``rename``,
    ``cursor_from`` and ``streams`` tables use), or None when ``key`` is not one."""
    method, space, path = str(key).partition(" ")
    # any method: OpenAPI 3.2's additionalOperations name their own (PURGE, SUBSCRIBE)
    if not space or not method.isascii() or not method.isalpha():
        return None
    if not path.startswith("/"):
        return None
    return None if any(c.isspace() for c in path) else f"{method.upper()} {path}"


def _operation_keys(table: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A checked table's items, their keys as ``operation_key`` writes them."""
    return tuple(sorted((operation_key(k) or k, v) for k, v in table.items()))


def _check_cursor_from(value: dict[str, Any], where: str, file: str) -> list[Problem]:
    """``cursor_from = { "GET /messages" = "first" }``: operation keys, first or last."""
    problems = []
    for key, choice in value.items():
        if operation_key(key) is None:
            problems.append(
                Problem(
                    f"{where}.cursor_from: key {key!r} must be an operation, "
                    f'"METHOD /path" (e.g. "GET /messages")',
                    (file,),
                )
            )
        elif choice not in _CURSOR_FROM:
            problems.append(
                Problem(
                    f'{where}.cursor_from.{key!r} must be "first" or "last", '
                    f"not {choice!r}",
                    (file,),
                )
            )
    return problems


def _check_aliases(aliases: dict[str, Any], where: str, file: str) -> list[Problem]:
    from generator.ingest.locales import is_locale_tag

    problems = []
    for alias, tag in aliases.items():
        if not isinstance(tag, str) or not is_locale_tag(tag):
            problems.append(
                Problem(
                    f"{where}.{alias} must be a locale tag (en, zh-Hans, ja-JP), not {tag!r}",
                    (file,),
                )
            )
    return problems


def _check_names(raw: dict[str, Any], where: str, file: str) -> list[Problem]:
    """``names`` is a known scheme; each ``rename`` is "METHOD /path" = "dotted.name"."""
    problems = []
    scheme = raw.get("names", NAMING_SCHEMES[0])
    if isinstance(scheme, str) and scheme not in NAMING_SCHEMES:
        known = " or ".join(repr(s) for s in NAMING_SCHEMES)
        problems.append(
            Problem(f"{where}.names must be {known}, not {scheme!r}", (file,))
        )
    rename = raw.get("rename")
    for op, name in (rename or {}).items() if isinstance(rename, dict) else ():
        parts = name.split(".") if isinstance(name, str) else [""]
        if operation_key(op) is None or not all(p.isidentifier() for p in parts):
            problems.append(
                Problem(
                    f'{where}.rename.{op!r} must map "METHOD /path" to a dotted '
                    f"Python name, not {name!r}",
                    (file,),
                )
            )
    return problems


def _streams(
    table: dict[str, Any], where: str, file: str
) -> tuple[tuple[tuple[str, StreamRule], ...], list[Problem]]:
    """The ``streams`` table: each key "METHOD /path", each value {events, switch}."""
    rules: list[tuple[str, StreamRule]] = []
    problems: list[Problem] = []
    for key, value in sorted(table.items()):
        at = f"{where}.streams.{key!r}"
        operation = operation_key(key)
        if operation is None:
            problems.append(Problem(f"{at}: the key must read 'METHOD /path'", (file,)))
            continue
        if not isinstance(value, dict) or not isinstance(value.get("events"), str):
            problems.append(
                Problem(f'{at} must be a table with events = "<schema name>"', (file,))
            )
            continue
        unknown = sorted(set(value) - {"events", "switch"})
        switch = value.get("switch", "")
        name, eq, wanted = (
            switch.partition("=") if isinstance(switch, str) else ("", "", "")
        )
        if unknown:
            problems.append(
                Problem(f"{at}: unknown key(s) {', '.join(unknown)}", (file,))
            )
        elif not isinstance(switch, str) or (switch and not (eq and name and wanted)):
            problems.append(
                Problem(
                    f"{at}.switch must read 'field=value', e.g. 'stream=true'", (file,)
                )
            )
        else:
            flag = {"true": True, "false": False}.get(wanted, wanted)
            rules.append((operation, StreamRule(value["events"], name, flag)))
    return tuple(rules), problems


def aliases_table(aliases: dict[str, str] | None) -> tuple[tuple[str, str], ...]:
    """Locale aliases as the frozen, sorted pairs a Target holds (tags normalized)."""
    from generator.ingest.locales import normalize

    return tuple(sorted((k, normalize(v)) for k, v in (aliases or {}).items()))


def load_config(
    path: Path = Path("pyproject.toml"), must_exist: bool = False
) -> Config:
    """Read the default targets; a missing file or table means no default targets.

    ``must_exist``: the user named the file, so a missing one is an error.
    """
    if not path.is_file():
        if must_exist:
            message = "is a folder, not a file" if path.is_dir() else "no such file"
            message += " (named by --config)"
            raise InputError([Problem(message, (str(path),))])
        return Config(())
    import tomllib  # only where a configuration is read

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(f"invalid TOML: {exc}", (str(path),))]) from None
    table = data.get("tool", {}).get("generator", {})
    file = str(path)
    problems = _check(table, _TOP_KEYS, "tool.generator", file)
    targets = []
    for name, raw in sorted((table.get("targets") or {}).items()):
        where = f"tool.generator.targets.{name}"
        if not isinstance(raw, dict):
            problems.append(Problem(f"{where} must be a table", (file,)))
            continue
        found = _check(raw, _TARGET_KEYS, where, file)
        found += _check_names(raw, where, file)
        if not found and "cursor_from" in raw:
            found += _check_cursor_from(raw["cursor_from"], where, file)
        for required in ("specs", "package"):
            if required not in raw:
                found.append(Problem(f"{where}.{required} is required", (file,)))
        streams, stream_problems = _streams(raw.get("streams") or {}, where, file)
        found += stream_problems
        problems += found
        if found:
            continue
        targets.append(
            Target(
                name=name,
                specs=tuple(raw["specs"]),
                package=raw["package"],
                locales=tuple(raw.get("locales", ())),
                primary=raw.get("primary", table.get("primary", DEFAULT_PRIMARY)),
                locale=raw.get("locale"),
                env_prefix=raw.get("env_prefix", env_prefix_for(raw["package"])),
                out=raw.get("out", f"{DEFAULT_OUT_ROOT}/{name}"),
                docs_url=raw.get("docs_url", ""),
                rename=_operation_keys(raw.get("rename") or {}),
                names=raw.get("names", NAMING_SCHEMES[0]),
                cursor_from=_operation_keys(raw.get("cursor_from") or {}),
                streams=streams,
                locale_aliases=aliases_table(raw.get("locale_aliases")),
                validation=raw.get("validation", "strict"),
            )
        )
    if problems:
        raise InputError(problems)
    return Config(tuple(targets))


def configured_targets(
    config: Config,
    names: list[str] | None = None,
    primary: str | None = None,
    locale: str | None = None,
    locales: list[str] | None = None,
    env_prefix: str | None = None,
    validation: str | None = None,
) -> list[Target]:
    """The configured targets named (all by default), with command-line overrides.

    ValueError names an unknown target, or says that none is configured.
    """
    targets = list(config.targets)
    if names:
        unknown = sorted(set(names) - {t.name for t in targets})
        if unknown:
            configured = ", ".join(t.name for t in targets)
            raise ValueError(
                f"unknown target(s) {', '.join(unknown)}; configured: {configured}"
            )
        targets = [t for t in targets if t.name in names]
    if not targets:
        raise ValueError(
            "no targets: pass --specs or configure [tool.generator.targets] in "
            "pyproject.toml"
        )
    overrides: dict[str, object] = {
        k: v
        for k, v in (
            ("primary", primary),
            ("locale", locale),
            ("validation", validation),
        )
        if v
    }
    if locales:
        overrides["locales"] = tuple(locales)
    if env_prefix is not None:
        overrides["env_prefix"] = env_prefix
    return [dataclasses.replace(t, **overrides) for t in targets]  # type: ignore[arg-type]


def adhoc_target(
    specs: list[str],
    package: str = "client",
    locales: list[str] | None = None,
    primary: str | None = None,
    locale: str | None = None,
    out: str = "",
    env_prefix: str | None = None,
    docs_url: str = "",
    validation: str | None = None,
    locale_aliases: dict[str, str] | None = None,
) -> Target:
    """A target given entirely on the command line."""
    return Target(
        name="adhoc",
        specs=tuple(specs),
        package=package,
        locales=tuple(locales or ()),
        primary=primary or DEFAULT_PRIMARY,
        locale=locale,
        env_prefix=env_prefix_for(package) if env_prefix is None else env_prefix,
        out=out,
        docs_url=docs_url,
        locale_aliases=aliases_table(locale_aliases),
        validation=validation or "strict",
    )
