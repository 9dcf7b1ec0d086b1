"""The validator's settings stand-ins match the real settings modules, and are used only
when none of the settings is set.

Each check runs in a fresh process: whether the stand-ins or the real modules are imported
is decided once per process.
"""

from __future__ import annotations

import json
import os

import pytest

from generator.ingest import validator_settings
from tests.ingest.fresh import script_json

_COMPARE = """
import importlib, inspect, json, sys, types
from generator.ingest import validator_settings as vs

def public(module, real):
    own = {}
    for name, value in vars(module).items():
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        if real and getattr(value, "__module__", module.__name__) != module.__name__:
            continue  # imported from elsewhere (pydantic, functools)
        own[name] = value
    return own

def described(name, value):
    if inspect.isclass(value):
        fields = getattr(value, "model_fields", None)
        if fields is not None:  # the real pydantic settings class
            return {"class": {k: f.default for k, f in fields.items()}}
        return {"class": {k: v for k, v in vars(value).items() if not k.startswith("_")}}
    if callable(value):
        if name == "reset_settings_cache":
            return {"callable": None}
        result = value()
        if not isinstance(result, (int, str)):
            kind = type(result)
            fields = getattr(kind, "model_fields", None) or [
                k for k in vars(kind) if not k.startswith("_")
            ]
            result = {k: getattr(result, k) for k in sorted(fields)}
        return {"callable": result}
    return {"value": sorted(value) if isinstance(value, set) else value}

out = {}
for which, modules in (("real", None), ("stand-in", vs.stand_ins())):
    for module_name in (vs.SPEC_MODULE, vs.SCHEMA_MODULE):
        module = importlib.import_module(module_name) if modules is None else modules[module_name]
        out.setdefault(module_name, {})[which] = {
            name: described(name, value) for name, value in sorted(public(module, modules is None).items())
        }
print(json.dumps(out, default=repr))
"""

_IMPORT = """
import json, sys
from generator.ingest import validator_settings
validator_settings.import_validator()
from openapi_spec_validator.schemas.backend import get_validator_backend
from openapi_schema_validator.settings import get_settings
print(json.dumps({
    "pydantic": "pydantic" in sys.modules,
    "backend": get_validator_backend(),
    "cache": get_settings().compiled_validator_cache_max_size,
}))
"""


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.upper().startswith(validator_settings.PREFIXES)
    }
    return {**env, **extra}


def _run(
    script: str, env: dict[str, str], args: list[str] | None = None
) -> dict[str, object]:
    found: dict[str, object] = script_json(script, env, args)
    return found


def test_the_stand_ins_have_the_real_modules_names_and_defaults() -> None:
    found = _run(_COMPARE, _clean_env())
    for module_name in (
        validator_settings.SPEC_MODULE,
        validator_settings.SCHEMA_MODULE,
    ):
        both = found[module_name]
        assert isinstance(both, dict)
        assert both["real"], module_name  # the comparison saw the real module's names
        assert both["stand-in"] == both["real"], module_name


def test_without_settings_the_validator_imports_without_pydantic() -> None:
    found = _run(_IMPORT, _clean_env())
    assert found == {"pydantic": False, "backend": "jsonschema-rs", "cache": 128}


@pytest.mark.parametrize(
    "name",
    [
        "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND",
        "openapi_spec_validator_schema_validator_backend",  # matched regardless of case
    ],
)
def test_a_setting_set_in_the_environment_is_read_by_the_real_module(name: str) -> None:
    found = _run(_IMPORT, _clean_env(**{name: "jsonschema"}))
    assert found == {"pydantic": True, "backend": "jsonschema", "cache": 128}


def test_the_schema_validators_setting_is_read_too() -> None:
    name = "OPENAPI_SCHEMA_VALIDATOR_COMPILED_VALIDATOR_CACHE_MAX_SIZE"
    found = _run(_IMPORT, _clean_env(**{name: "7"}))
    assert found == {"pydantic": True, "backend": "jsonschema-rs", "cache": 7}


def test_configured_looks_at_both_prefixes_in_any_case() -> None:
    assert not validator_settings.configured({"PATH": "/bin", "OPENAPI": "x"})
    assert validator_settings.configured({"OPENAPI_SPEC_VALIDATOR_X": "1"})
    assert validator_settings.configured({"openapi_schema_validator_x": "1"})


def test_a_library_needing_more_than_the_stand_ins_hold_gets_the_real_modules() -> None:
    # as if a new version imported a name the stand-ins lack
    script = _IMPORT.replace(
        "validator_settings.import_validator()",
        "full = validator_settings.stand_ins\n"
        "def lacking():\n"
        "    modules = full()\n"
        "    del modules[validator_settings.SPEC_MODULE].get_schema_validator_backend\n"
        "    return modules\n"
        "validator_settings.stand_ins = lacking\n"
        "validator_settings.import_validator()",
    )
    assert "lacking" in script
    found = _run(script, _clean_env())
    assert found == {"pydantic": True, "backend": "jsonschema-rs", "cache": 128}


_OFFLINE = """
import json, sys, urllib.parse
from generator.ingest import validator_settings, validate
from generator.ingest.load import LocaleDocument
if sys.argv[1] == "offline":
    validator_settings.offline()
validator_settings.import_validator()
doc = json.loads(sys.argv[2])
problems = validate._validate_all([(LocaleDocument("en", "api.json", ("api.json",), doc), "k")])
import urllib.request
try:
    urllib.request.urlopen("http://127.0.0.1:9/")
    fetched = "fetched"
except OSError as exc:
    fetched = type(exc).__name__
print(json.dumps({
    "problems": [p.render() for p in problems],
    "http": "http.client" in sys.modules,
    "url2pathname": urllib.request.url2pathname("/a%20b/c%C3%A9"),
    "fetched": fetched,
}))
"""


def test_offline_the_validator_imports_no_http_stack_and_finds_the_same() -> None:
    from tests.builders import base_document

    doc = base_document("en")
    doc["paths"]["/info"]["get"]["parameters"].append({"name": "user", "in": "query"})
    del doc["info"]["version"]
    args = [json.dumps(doc)]
    real = _run(_OFFLINE, _clean_env(), ["online", *args])
    offline = _run(_OFFLINE, _clean_env(), ["offline", *args])
    assert real["problems"] and offline["problems"] == real["problems"]
    assert real["http"] and not offline["http"]
    assert offline["url2pathname"] == real["url2pathname"] == "/a b/cé"
    assert offline["fetched"] == "OSError"  # refused here, before any connection
