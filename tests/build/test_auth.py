"""Auth, environment and servers from the spec: the environment variable prefix, the
schemes and requirements carried from the merged model, and the prose that describes them
in every locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.localize import localize
from generator.build.shape import build_shape
from generator.build.view import ClientDef
from generator.cli import main
from generator.config import (
    adhoc_target,
    configured_targets,
    env_prefix_for,
    load_config,
)
from generator.ingest.load import load
from generator.merge.api import merge
from generator.render.auth_prose import auth_body, env_lines
from tests.packages import PackageImports
from tests.paths import CASES, ROOT

_SPEC = """\
openapi: 3.0.3
info: {title: T, version: "1"}
servers:
  - {url: "https://{env}.example.com", variables: {env: {default: live}}, description: Live}
  - {url: https://test.example.com, description: Test}
security: [{key: []}, {login: []}]
paths:
  /things:
    get:
      security: []
      responses: {"204": {description: ok}}
  /others:
    get:
      security: [{key: [], tok: []}]
      responses: {"204": {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: query, name: "k`ey"}
    login: {type: http, scheme: Basic}
    tok: {type: oauth2, flows: {implicit: {authorizationUrl: "https://a", scopes: {}}}}
    unused: {type: http, scheme: digest}
"""


def _client(tmp_path: Path, locale: str = "en", text: str = _SPEC) -> ClientDef:
    (tmp_path / "en").mkdir(exist_ok=True)
    (tmp_path / "en" / "openapi.yaml").write_text(text, encoding="utf-8")
    api, _ = merge(load([str(tmp_path)]))
    return localize(build_shape(api, adhoc_target([str(tmp_path)], "petstore")), locale)


@pytest.mark.parametrize(
    ("package", "prefix"),
    [
        ("petstore", "PETSTORE_"),
        ("dify_chatflow", "DIFY_CHATFLOW_"),
        ("my-api2", "MY_API2_"),
    ],
)
def test_env_prefix_comes_from_the_package(package: str, prefix: str) -> None:
    assert env_prefix_for(package) == prefix
    assert adhoc_target(["x"], package).env_prefix == prefix
    assert adhoc_target(["x"], package, env_prefix="ACME_").env_prefix == "ACME_"


def test_dify_targets_keep_dify_prefix_and_the_flag_overrides() -> None:
    config = load_config(ROOT / "pyproject.toml")
    assert {t.env_prefix for t in config.targets} == {"DIFY_"}
    assert {t.docs_url for t in config.targets} == {"https://docs.dify.ai"}
    (one,) = configured_targets(config, ["chatflow"], env_prefix="X_")
    assert one.env_prefix == "X_"


def test_cli_env_prefix_flag(tmp_path: Path) -> None:
    out = tmp_path / "out"
    specs = str(CASES / "auth-bearer" / "specs")
    args = ["generate", "--no-cache", "--specs", specs, "--package", "pets", "--out"]
    assert main([*args, str(out), "--env-prefix", "ZOO_"]) == 0
    client = (out / "en" / "pets" / "_client.py").read_text(encoding="utf-8")
    assert 'ENV_PREFIX = "ZOO_"' in client and "DIFY" not in client
    readme = (out / "en" / "README.md").read_text(encoding="utf-8")
    assert "`ZOO_API_KEY`" in readme and 'export ZOO_API_KEY="..."' in readme


def test_schemes_requirements_and_environments(tmp_path: Path) -> None:
    client = _client(tmp_path)
    auth = client.auth
    # only the schemes a requirement uses; oauth2 is a bearer token at runtime
    assert [(s.name, s.kind, s.wire) for s in auth.schemes] == [
        ("key", "query", "k`ey"),
        ("login", "basic", ""),
        ("tok", "oauth2", ""),
    ]
    # /others needs key and tok together: key keeps api_key, tok gets its own argument
    assert auth.schemes_literal == (
        '{"key": Scheme("query", "k`ey"), "login": Scheme("basic"), '
        '"tok": Scheme("bearer", "", "tok")}'
    )
    assert auth.keys == ("tok",)
    assert auth.security_literal == '(("key",), ("login",))'
    assert (auth.api_key, auth.basic, auth.required) == (True, True, True)
    assert auth.environments == (
        ("live", "https://live.example.com"),
        ("test", "https://test.example.com"),
    )
    methods = {m.path: m for r in client.resources for m in r.resource.methods}
    assert methods["/things"].security == "()"
    assert methods["/others"].security == '(("key", "tok"),)'


def test_undefined_scheme_is_a_problem_with_an_absolute_pointer() -> None:
    text = (CASES / "security-undefined-scheme" / "problems.txt").read_text()
    assert "[locale en] at /paths/~1things~1{id}/get/security/0/key:" in text


@pytest.mark.parametrize("locale", ["en", "zh", "ja"])
def test_prose_names_every_credential_and_how_it_is_sent(
    tmp_path: Path, locale: str
) -> None:
    client = _client(tmp_path, locale)
    body = auth_body(client)
    for needed in (
        "`PETSTORE_API_KEY`",
        "`PETSTORE_USERNAME`",
        "`PETSTORE_PASSWORD`",
        "``k`ey``",  # the untrusted name stays inside a code span
        "`Authorization: Basic <base64(username:password)>`",
        "`Authorization: Bearer <tok>`",  # the token of its own argument
        "`tok=`",
        "`PETSTORE_TOK`",
        "`https://live.example.com`",
        "`'test'`",
    ):
        assert needed in body, (locale, needed)
    assert "Dify" not in body and "DIFY" not in body
    assert env_lines(client) == [
        'export PETSTORE_API_KEY="..."',
        'export PETSTORE_USERNAME="..."',
        'export PETSTORE_PASSWORD="..."',
        'export PETSTORE_TOK="..."',
    ]


def test_prose_without_security(tmp_path: Path) -> None:
    text = "\n".join(
        line
        for line in _SPEC.splitlines()
        if not line.startswith("security:") and "      security:" not in line
    )
    client = _client(tmp_path, "en", text)
    assert client.auth.schemes == ()
    assert auth_body(client).startswith("The API needs no credentials.")
    assert env_lines(client) == []


_HOSTILE = """\
openapi: 3.0.3
info: {title: "T", version: "1"}
servers:
  - {url: "https://a.example.com/\\"); import os #", description: "x\\"]: 1} #"}
  - {url: "https://b.example.com", description: "x\\"]: 1} #"}
security: [{"s\\"), os.system('x')) #": []}]
paths:
  /p:
    get:
      security: [{"s\\"), os.system('x')) #": [], "c`ook": []}]
      responses: {"204": {description: ok}}
components:
  securitySchemes:
    "s\\"), os.system('x')) #": {type: apiKey, in: header, name: "X-\\"Key\\n"}
    "c`ook": {type: apiKey, in: cookie, name: "a`b]c"}
"""


def test_hostile_scheme_and_server_text_stays_data(
    tmp_path: Path, generated_package: PackageImports
) -> None:
    specs = tmp_path / "specs" / "en"
    specs.mkdir(parents=True)
    (specs / "openapi.yaml").write_text(_HOSTILE, encoding="utf-8")
    out = tmp_path / "out"
    args = ["generate", "--no-cache", "--specs", str(specs.parent), "--out", str(out)]
    assert main([*args, "--package", "hostile"]) == 0
    consts = generated_package(out / "en", "hostile._client")
    header_scheme = "s\"), os.system('x')) #"
    assert consts.SECURITY_SCHEMES == {
        # needed beside the cookie (the first by name, which keeps api_key): an argument
        # of its own, a Python name made from the untrusted one
        header_scheme: consts.Scheme("header", 'X-"Key\n', "s_os_system_x"),
        "c`ook": consts.Scheme("cookie", "a`b]c"),
    }
    assert consts.SECURITY == ((header_scheme,),)
    assert list(consts.ENVIRONMENTS.values()) == [
        'https://a.example.com/"); import os #',
        "https://b.example.com",
    ]
    readme = (out / "en" / "README.md").read_text(encoding="utf-8")
    assert "- ``c`ook``: `api_key`, sent as the ``a`b]c`` cookie." in readme
