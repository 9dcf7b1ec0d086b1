"""The target's naming options: ``names`` (the scheme) and ``rename`` (overrides)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.config import load_config
from generator.problems import InputError
from tests.paths import ROOT


def _config(tmp_path: Path, extra: str) -> Path:
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text(
        f'[tool.generator.targets.x]\nspecs = ["specs"]\npackage = "p"\n{extra}\n',
        encoding="utf-8",
    )
    return cfg


def test_names_and_rename_are_read(tmp_path: Path) -> None:
    cfg = _config(
        tmp_path,
        'names = "operation_id"\n[tool.generator.targets.x.rename]\n'
        '"POST /a/{id}/name" = "rename"\n"GET /b" = "c.fetch"\n',
    )
    (target,) = load_config(cfg).targets
    assert target.names == "operation_id"
    assert target.rename == (("GET /b", "c.fetch"), ("POST /a/{id}/name", "rename"))
    (default,) = load_config(_config(tmp_path, "")).targets
    assert (default.names, default.rename) == ("path", ())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            'names = "tags"',
            "tool.generator.targets.x.names must be 'path' or 'operation_id', not 'tags'",
        ),
        # the overrides' table before it was named rename
        (
            'names = { "GET /a" = "b" }',
            "tool.generator.targets.x.names must be a str, not dict",
        ),
        (
            '[tool.generator.targets.x.rename]\n"GET /a" = "not a name"',
            "tool.generator.targets.x.rename.'GET /a' must map \"METHOD /path\" to a dotted Python name, not 'not a name'",
        ),
        (
            '[tool.generator.targets.x.rename]\n"/a" = "b"',
            "tool.generator.targets.x.rename.'/a' must map",
        ),
    ],
)
def test_bad_naming_options_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str, message: str
) -> None:
    cfg = _config(tmp_path, extra)
    code = main(["drift", "--config", str(cfg)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert message in err, err
    assert str(cfg) in err


def test_dify_odd_verbs_are_renamed_in_the_default_targets() -> None:
    targets = {t.name: t for t in load_config(ROOT / "pyproject.toml").targets}
    assert dict(targets["chatflow"].rename) == {
        "POST /apps/annotation-reply/{action}": "configure",
        "POST /conversations/{conversation_id}/name": "rename",
        "POST /form/human_input/{form_token}": "submit",
    }


def test_the_operation_tables_read_their_keys_alike(tmp_path: Path) -> None:
    """rename, cursor_from and streams: the same keys are accepted (the method in any
    case, written in capitals) and the same are refused."""
    cfg = _config(
        tmp_path,
        '[tool.generator.targets.x.rename]\n"post /a" = "b.c"\n'
        '[tool.generator.targets.x.cursor_from]\n"get /m" = "first"\n'
        '[tool.generator.targets.x.streams]\n"Post /s" = { events = "E" }\n',
    )
    (target,) = load_config(cfg).targets
    assert target.rename == (("POST /a", "b.c"),)
    assert target.cursor_from == (("GET /m", "first"),)
    assert [key for key, _ in target.streams] == ["POST /s"]
    for bad in ("G3T /a", "GET a", "GET /a b", "/a"):
        for table, value in (
            ("rename", '"b"'),
            ("cursor_from", '"first"'),
            ("streams", '{ events = "E" }'),
        ):
            extra = f'[tool.generator.targets.x.{table}]\n"{bad}" = {value}\n'
            with pytest.raises(InputError) as raised:
                load_config(_config(tmp_path, extra))
            assert bad in str(raised.value.problems), (
                table,
                bad,
            )
