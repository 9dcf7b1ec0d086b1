"""Configuration: the ``[tool.generator]`` table of pyproject.toml + CLI flags -> frozen Config.

Defaults live here and nowhere else.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.problems import InputError, Problem

DEFAULT_PRIMARY = "en"
DEFAULT_OUT_ROOT = "generated"

_TARGET_KEYS: dict[str, type | tuple[type, ...]] = {
    "specs": list,
    "package": str,
    "locales": list,
    "primary": str,
    "locale": str,
    "env_prefix": str,
    "docs_url": str,
    "out": str,
    "names": dict,
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
    names: tuple[tuple[str, str], ...]  # "METHOD /path" -> "resource.verb" overrides
    docs_url: str = ""  # site that root-relative links in the spec's prose point into
    # folder names that are not locale tags -> the locale they hold (``cn`` -> ``zh-Hans``)
    locale_aliases: tuple[tuple[str, str], ...] = ()
    validation: str = "strict"  # "warn": the validator's problems are warnings


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
        for required in ("specs", "package"):
            if required not in raw:
                found.append(Problem(f"{where}.{required} is required", (file,)))
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
                names=tuple(
                    sorted(
                        (str(k), str(v)) for k, v in (raw.get("names") or {}).items()
                    )
                ),
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
        names=(),
        docs_url=docs_url,
        locale_aliases=aliases_table(locale_aliases),
        validation=validation or "strict",
    )
