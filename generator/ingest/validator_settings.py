"""openapi-spec-validator's settings without pydantic when none of them is set.

openapi-spec-validator and openapi-schema-validator each read a few settings from the
environment through pydantic-settings, and importing pydantic-settings is about two fifths
of the validator's import (README.md, Performance). When none of their variables is set,
every setting has its default: ``import_validator()`` then puts stand-ins for the two
settings modules in ``sys.modules`` that hold those defaults, and the validator imports
without pydantic. With any of the variables set, the real modules are imported, so the
libraries read and check them themselves.

``tests/ingest/test_validator_settings.py`` compares the stand-ins with the real modules:
the same public names, the same defaults.
"""

from __future__ import annotations

import functools
import os
import sys
import types
from collections.abc import Mapping
from typing import IO

SPEC_MODULE = "openapi_spec_validator.settings"
SCHEMA_MODULE = "openapi_schema_validator.settings"
# pydantic-settings matches the variables' names without regard to case
PREFIXES = ("OPENAPI_SPEC_VALIDATOR_", "OPENAPI_SCHEMA_VALIDATOR_")

_PACKAGES = ("openapi_spec_validator", "openapi_schema_validator")
_BACKENDS = {"auto", "jsonschema", "jsonschema-rs"}


class OpenAPISpecValidatorSettings:
    """openapi-spec-validator's settings, all at their defaults."""

    resolved_cache_maxsize: int = 128
    schema_validator_backend: str = "auto"


class OpenAPISchemaValidatorSettings:
    """openapi-schema-validator's settings, all at their defaults."""

    compiled_validator_cache_max_size: int = 128


def _get_resolved_cache_maxsize() -> int:
    return OpenAPISpecValidatorSettings.resolved_cache_maxsize


def _get_schema_validator_backend() -> str:
    return OpenAPISpecValidatorSettings.schema_validator_backend


@functools.lru_cache(maxsize=1)
def _get_settings() -> OpenAPISchemaValidatorSettings:
    return OpenAPISchemaValidatorSettings()


def configured(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether any of the libraries' settings is set in ``environ``."""
    return any(name.upper().startswith(PREFIXES) for name in environ)


def stand_ins() -> dict[str, types.ModuleType]:
    """The two settings modules' stand-ins, by module name."""
    spec = types.ModuleType(SPEC_MODULE, "openapi-spec-validator's default settings")
    spec.__dict__.update(
        ENV_PREFIX=PREFIXES[0],
        RESOLVED_CACHE_MAXSIZE_DEFAULT=OpenAPISpecValidatorSettings.resolved_cache_maxsize,
        SCHEMA_VALIDATOR_BACKEND_DEFAULT=OpenAPISpecValidatorSettings.schema_validator_backend,
        SCHEMA_VALIDATOR_BACKEND_ALLOWED=set(_BACKENDS),
        OpenAPISpecValidatorSettings=OpenAPISpecValidatorSettings,
        get_resolved_cache_maxsize=_get_resolved_cache_maxsize,
        get_schema_validator_backend=_get_schema_validator_backend,
    )
    schema = types.ModuleType(
        SCHEMA_MODULE, "openapi-schema-validator's default settings"
    )
    schema.__dict__.update(
        OpenAPISchemaValidatorSettings=OpenAPISchemaValidatorSettings,
        get_settings=_get_settings,
        reset_settings_cache=_get_settings.cache_clear,
    )
    return {SPEC_MODULE: spec, SCHEMA_MODULE: schema}


def offline() -> None:
    """In a process that never fetches a URL (the validator's: references are bundled at
    load, remote ones refused): no requests, so that jsonschema-path takes its urllib
    handler, and, on POSIX, a urllib.request without its HTTP stack (http.client, ssl,
    email) whose ``urlopen`` opens only local files (``file:`` URLs: the validator's own
    meta-schemas). The validator's import is then about a third shorter. Modules
    imported already stay."""
    sys.modules.setdefault("requests", None)  # type: ignore[arg-type]
    if "urllib.request" in sys.modules or os.name != "posix":
        return
    import urllib
    import urllib.parse

    def urlopen(url: str, *args: object, **kwargs: object) -> IO[bytes]:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise OSError(f"this process fetches no URL: {url[:100]}")
        return open(urllib.parse.unquote(parts.path), "rb")

    request = types.ModuleType("urllib.request", "urllib.request for local files only")
    # url2pathname: what urllib.request's is on POSIX
    request.__dict__.update(urlopen=urlopen, url2pathname=urllib.parse.unquote)
    sys.modules["urllib.request"] = request
    urllib.request = request


def import_validator() -> None:
    """Import openapi-spec-validator, with the stand-ins unless a setting is set or it is
    imported already (it then keeps the settings it has). Should a version of the
    libraries need more of their settings modules than the stand-ins hold, the real
    modules are imported after all."""
    if configured() or "openapi_spec_validator" in sys.modules:
        import openapi_spec_validator  # noqa: F401

        return
    sys.modules.update(stand_ins())
    try:
        import openapi_spec_validator  # noqa: F401,F811
    except ImportError:
        for name in [n for n in sys.modules if n.startswith(_PACKAGES)]:
            del sys.modules[name]
        import openapi_spec_validator  # noqa: F401,F811
