"""The generator as a build-pipeline step: check, determinism, atomic and safe writes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest.load import display_path
from tests.paths import ROOT, SPECS, case_specs

SEEDS = str(SPECS / "seeds")


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def gen(out: Path, *extra: str) -> int:
    return main(
        [
            "generate",
            "--specs",
            SEEDS,
            "--package",
            "dify_chatflow",
            "--out",
            str(out),
            "--no-cache",
            *extra,
        ]
    )


def check(out: Path, *extra: str) -> int:
    return main(
        [
            "check",
            "--specs",
            SEEDS,
            "--package",
            "dify_chatflow",
            "--out",
            str(out),
            "--no-cache",
            *extra,
        ]
    )


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert gen(out) == 0
    assert check(out) == 0
    target = out / "zh" / "dify_chatflow" / "resources" / "conversations.py"
    target.write_text(
        target.read_text(encoding="utf-8").replace("更新对话变量", "changed by hand"),
        encoding="utf-8",
    )
    (out / "ja" / "dify_chatflow" / "types" / "conversation_variable_item.py").unlink()
    capsys.readouterr()
    assert check(out) == 1
    captured = capsys.readouterr()
    assert "changed: " in captured.out and '-        """changed by hand' in captured.out
    assert '+        """更新对话变量' in captured.out
    assert (
        "missing: " in captured.out and "conversation_variable_item.py" in captured.out
    )
    assert "python -m generator generate --specs" in captured.err
    assert (
        main(
            [
                "check",
                "--specs",
                str(tmp_path / "nope"),
                "--package",
                "p",
                "--out",
                str(out),
            ]
        )
        == 2
    )


def test_check_fast_path_uses_the_cache_only_when_output_is_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYGLOT_GENERATOR_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "out"
    args = ["--specs", SEEDS, "--package", "dify_chatflow", "--out", str(out)]
    assert main(["generate", *args]) == 0
    assert main(["check", *args]) == 0
    victim = out / "en" / "README.md"
    victim.write_text("edited\n", encoding="utf-8")
    assert main(["check", *args]) == 1  # a changed file defeats the fast path


def test_hand_written_files_survive_and_stale_generated_files_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert gen(out) == 0
    mine = out / "en" / "dify_chatflow" / "_custom_helpers.py"
    mine.write_text("# hand-written\n", encoding="utf-8")
    notes = out / "NOTES.md"
    notes.write_text("mine\n", encoding="utf-8")
    # a file the generator wrote in an earlier run but no longer produces
    stale = out / "en" / "dify_chatflow" / "types" / "old_model.py"
    stale.write_text("# old\n", encoding="utf-8")
    manifest = out / ".generator-manifest.json"
    manifest.write_text(
        manifest.read_text().replace(
            '"files": [', '"files": [\n  "en/dify_chatflow/types/old_model.py",'
        )
    )
    assert (
        check(out) == 1
    )  # the stale generated file is reported, the hand-written ones are not
    report = capsys.readouterr().out
    assert (
        "old_model.py" in report
        and "_custom_helpers.py" not in report
        and "NOTES.md" not in report
    )
    assert gen(out) == 0
    assert mine.read_text() == "# hand-written\n" and notes.read_text() == "mine\n"
    assert not stale.exists()
    assert check(out) == 0


def test_refuses_to_overwrite_a_file_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert gen(out) == 0
    manifest = out / ".generator-manifest.json"
    manifest.write_text(manifest.read_text().replace('  "en/README.md",\n', ""))
    before = tree(out)
    assert gen(out) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert tree(out) == before


def test_bad_input_leaves_previous_output_exactly(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert gen(out) == 0
    before = tree(out)
    bad = case_specs("missing-info-version")  # en/openapi.yaml: info without version
    assert (
        main(
            [
                "generate",
                "--specs",
                str(bad),
                "--package",
                "dify_chatflow",
                "--out",
                str(out),
            ]
        )
        == 2
    )
    assert tree(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]


def test_bad_input_into_a_new_folder_leaves_no_folder(tmp_path: Path) -> None:
    """The staging folder of a first output is made before the input is known valid
    (its locales are written while they render): bad input takes it away again, and the
    folders made for it."""
    out = tmp_path / "new" / "out"
    bad = case_specs("missing-info-version")
    assert main(["generate", "--specs", str(bad), "--out", str(out)]) == 2
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_first_output_written_while_it_renders_is_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """Each locale a worker renders is written into the staging folder by that worker
    (in this process with one job): the output is the one staged after rendering."""
    from generator.output import staging

    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", jobs)
    marks = tmp_path / "marks"
    marks.mkdir()
    real = staging.Ahead.write

    def write(self: staging.Ahead, data: dict[str, dict[str, bytes]]) -> None:
        paths = [
            staging.joined(tree, rel) for tree, files in data.items() for rel in files
        ]
        (marks / f"{os.getpid()}-{len(list(marks.iterdir()))}").write_text(
            "\n".join(sorted(paths)), encoding="utf-8"
        )
        real(self, data)

    monkeypatch.setattr(staging.Ahead, "write", write)
    assert gen(tmp_path / "ahead") == 0
    written = sorted(
        path for mark in marks.iterdir() for path in mark.read_text().split("\n")
    )
    # every locale, its package and its site pages (the files beside the locales, the
    # site's configuration and theme, are staged after rendering)
    assert {p.split("/")[0] for p in written} == {"en", "ja", "zh", "reference"}
    assert {p.split("/")[1] for p in written if p.startswith("reference/")} == {
        "en",
        "ja",
        "zh",
    }
    if jobs == "2":  # the worker and this process both took locales
        assert len({mark.name.split("-")[0] for mark in marks.iterdir()}) == 2
    monkeypatch.setattr(staging, "ahead_of", lambda out: None)
    assert gen(tmp_path / "after") == 0
    assert tree(tmp_path / "ahead") == tree(tmp_path / "after")
    assert not [p for p in (tmp_path / "ahead").iterdir() if ".staging" in p.name]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_output_sealed_where_it_rendered_comes_back_from_the_cache_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The locales written ahead are hashed and compressed where they render (the
    worker's in the worker): the cache entry and the hashes ``check`` trusts cover
    every file, as if everything had been packed at the end."""
    from generator.output import cache

    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", jobs)
    monkeypatch.setenv("POLYGLOT_GENERATOR_CACHE", str(tmp_path / "cache"))
    sealed: list[int] = []
    real = cache.pack_output

    def pack(
        data: dict[str, dict[str, bytes]], done: tuple[cache.Sealed, ...] = ()
    ) -> cache.Packed:
        sealed.append(len(done))
        return real(data, done)

    monkeypatch.setattr(cache, "pack_output", pack)
    first = tmp_path / "first"
    cached = ["generate", "--specs", SEEDS, "--package", "dify_chatflow", "--out"]
    assert main(cached + [str(first)]) == 0
    assert sealed == [3]  # every locale sealed where it rendered (en, ja, zh)
    expected = tree(first)
    monkeypatch.setattr("generator.pipeline.produce", None)  # nothing renders now
    # the hashes recorded for what was written: check answers from them
    assert main(["check", *cached[1:], str(first)]) == 0
    # a cache hit: the files restored from the stored frames
    assert main(cached + [str(tmp_path / "again")]) == 0
    assert tree(tmp_path / "again") == expected
    monkeypatch.undo()
    (first / "ja" / "README.md").write_text("changed\n", encoding="utf-8")
    monkeypatch.setenv("POLYGLOT_GENERATOR_CACHE", str(tmp_path / "cache"))
    assert main(["check", *cached[1:], str(first)]) == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_output_of_ours_that_appears_while_it_renders_is_compared_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """A manifest of ours that appears in the output folder while the locales are
    written ahead (another run finished first): the files written ahead are read back
    from the staging folder and the output is updated in place, complete."""
    from generator import pipeline
    from generator.output import staging

    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", jobs)
    assert gen(tmp_path / "plain") == 0
    out = tmp_path / "raced"
    real = pipeline.render_target
    read_back: list[int] = []
    real_read_back = staging._read_back

    def render(*args: object, **kwargs: object) -> pipeline.Rendered:
        rendered = real(*args, **kwargs)  # type: ignore[arg-type]
        (out / staging.MANIFEST).write_text(
            '{"generator": "polyglot-openapi-generator", "files": []}\n'
        )
        return rendered

    def count(*args: object) -> dict[str, dict[str, bytes]]:
        data = real_read_back(*args)  # type: ignore[arg-type]
        read_back.append(sum(len(files) for files in data.values()))
        return data

    monkeypatch.setattr(pipeline, "render_target", render)
    monkeypatch.setattr(staging, "_read_back", count)
    assert gen(out) == 0
    assert read_back and read_back[0] == len(tree(out)) - 1  # all but the manifest
    assert tree(out) == tree(tmp_path / "plain")
    assert not [p for p in out.iterdir() if ".staging" in p.name]


@pytest.mark.parametrize("manifest", [True, False], ids=["in-place", "swapped"])
def test_failure_while_writing_leaves_previous_output_exactly(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    manifest: bool,
) -> None:
    out = tmp_path / "out"
    assert gen(out) == 0
    (out / "en" / "README.md").write_text(
        "stale\n", encoding="utf-8"
    )  # so there is work to do
    if not manifest:  # older output: the locale folders are swapped whole
        (out / ".generator-manifest.json").unlink()
    before = tree(out)
    from generator.output import staging

    written = []
    real = staging._write_file

    def flaky(path: str, data: bytes) -> None:
        written.append(path)
        if len(written) > (0 if manifest else 20):
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(staging, "_write_file", flaky)
    capsys.readouterr()
    assert gen(out) == 2
    monkeypatch.undo()
    # one line naming the output (the error carries no file name), no traceback
    assert capsys.readouterr().err == (
        f"error: {display_path(out)}: cannot write the output: No space left on device\n"
    )
    assert tree(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_output_that_cannot_be_made_is_one_problem_naming_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    jobs: str,
) -> None:
    """A file where the output's folder would go: exit status 2 and one line naming
    the path that could not be made, nothing left behind."""
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", jobs)
    blocker = tmp_path / "file"
    blocker.write_text("mine\n", encoding="utf-8")
    capsys.readouterr()
    assert gen(blocker / "out") == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: {display_path(blocker / 'out')}: cannot write the output: "
        "Not a directory\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
    assert blocker.read_text(encoding="utf-8") == "mine\n"


def test_an_error_about_another_path_is_not_called_the_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only errors about the output folder (inside it, or a folder made for it) become
    "cannot write the output"; one about an input stays what it is."""
    from generator import pipeline

    spec = str(Path(SEEDS) / "en.md")

    def unreadable(target: object) -> str:
        raise PermissionError(13, "Permission denied", spec)

    monkeypatch.setattr(pipeline, "target_fingerprint", unreadable)
    with pytest.raises(PermissionError):
        gen(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_regenerating_rewrites_only_the_files_that_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert gen(out) == 0
    readme, untouched = out / "en" / "README.md", out / "zh" / "README.md"
    readme.write_text("edited\n", encoding="utf-8")
    mine = out / "en" / "NOTES.md"
    mine.write_text("mine\n", encoding="utf-8")
    before = {p: p.stat().st_ino for p in (readme, untouched, mine)}
    expected = tree(out)
    assert gen(out) == 0
    assert readme.stat().st_ino != before[readme]  # renamed into place
    assert untouched.stat().st_ino == before[untouched]  # not written again
    assert mine.stat().st_ino == before[mine] and mine.read_text() == "mine\n"
    assert tree(out) == {**expected, "en/README.md": tree(out)["en/README.md"]}
    assert check(out) == 0


def test_a_symlinked_folder_is_swapped_not_written_through(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert gen(out) == 0
    elsewhere = tmp_path / "elsewhere"
    (out / "en" / "docs").rename(elsewhere)
    (out / "en" / "docs").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "index.md").write_text("edited\n", encoding="utf-8")
    assert gen(out) == 0
    assert (elsewhere / "index.md").read_text() == "edited\n"  # not written through
    assert not (out / "en" / "docs").is_symlink()
    assert check(out) == 0


def test_unchanged_output_is_not_rewritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert gen(out) == 0
    stamp = (out / "en" / "README.md").stat().st_mtime_ns
    os.utime(out / "en" / "README.md", ns=(stamp - 10**9, stamp - 10**9))
    assert gen(out) == 0
    assert (out / "en" / "README.md").stat().st_mtime_ns == stamp - 10**9


def test_output_is_deterministic_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "POLYGLOT_GENERATOR_CACHE": ""}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "generate",
                "--specs",
                SEEDS,
                "--package",
                "dify_chatflow",
                "--out",
                str(out),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        trees.append(tree(out))
        for path in out.rglob("*"):
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                assert str(tmp_path) not in text and str(ROOT) not in text, path
    assert trees[0] == trees[1]


def test_pre_commit_hooks_are_declared() -> None:
    import yaml

    hooks = yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    by_id = {h["id"]: h for h in hooks}
    assert by_id["generator-check"]["entry"] == "python -m generator check"
    assert by_id["generator-generate"]["entry"] == "python -m generator generate"
    assert all(h["pass_filenames"] is False for h in hooks)


def test_warm_cache_output_equals_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYGLOT_GENERATOR_CACHE", str(tmp_path / "cache"))
    args = ["--specs", SEEDS, "--package", "dify_chatflow"]
    assert main(["generate", *args, "--out", str(tmp_path / "first")]) == 0
    assert list((tmp_path / "cache").glob("output/*/*")), "the run stored its output"
    assert (
        main(["generate", *args, "--out", str(tmp_path / "second")]) == 0
    )  # from the cache
    assert (
        main(["generate", *args, "--out", str(tmp_path / "fresh"), "--no-cache"]) == 0
    )
    assert (
        tree(tmp_path / "second")
        == tree(tmp_path / "fresh")
        == tree(tmp_path / "first")
    )


@pytest.mark.parametrize(
    "name", ["black", "jinja2", "pyyaml", "openapi-spec-validator", "httpx"]
)
def test_library_versions_in_the_fingerprint_are_the_installed_ones(name: str) -> None:
    from importlib import metadata

    from generator.output import cache

    assert cache.version(name) == metadata.version(name)
    assert cache.version("no-such-distribution-here") == "-"
