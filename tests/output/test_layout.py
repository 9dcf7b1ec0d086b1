"""generator.layout lays lines out exactly as black does, on both sides of the limit.

Each test builds a few hundred random lines of one shape (names and types of random
length around the 88-column limit), keeps the ones layout handles, and compares layout's
text with black's on the same module: one black call per shape.
"""

from __future__ import annotations

import difflib
import keyword
import random
import string

import black
import pytest

from generator.output import layout

MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)
CASES = 400


def ident(rng: random.Random, low: int = 1, high: int = 30) -> str:
    first = rng.choice(string.ascii_lowercase)
    rest = "".join(
        rng.choice(string.ascii_lowercase + "_") for _ in range(rng.randint(low, high))
    )
    name = first + rest
    return name + "_" if keyword.iskeyword(name) else name


def pascal(rng: random.Random, low: int = 3, high: int = 50) -> str:
    return "".join(w.capitalize() for w in ident(rng, low, high).split("_") if w)


def literal(rng: random.Random) -> str:
    values = [layout.literal(ident(rng, 1, 18)) for _ in range(rng.randint(2, 12))]
    return f"Literal[{', '.join(values)}]"


def annotation(rng: random.Random) -> str:
    return rng.choice(
        [
            "str",
            "int",
            "dict[str, Any]",
            "list[dict[str, Any]]",
            "FileTypes",
            pascal(rng),
            literal(rng),
            f"list[{pascal(rng)}]",
            f"list[{literal(rng)}]",
        ]
    )


def param(rng: random.Random) -> str:
    name = ident(rng, 1, 25)
    kind = rng.random()
    if kind < 0.4:
        return f"{name}: {annotation(rng)}"
    return f"{name}: {annotation(rng)} | NotGiven = NOT_GIVEN"


def def_line(rng: random.Random) -> str:
    params = ["self"]
    positional = [
        param(rng).split(" | ")[0].split(" = ")[0] for _ in range(rng.randint(0, 2))
    ]
    keyword = [param(rng) for _ in range(rng.randint(0, 7))]
    params += positional
    if keyword:
        params += ["*", *keyword]
    ret = rng.choice(
        [
            "None",
            "bytes",
            pascal(rng),
            f"SyncCursorPage[{pascal(rng, 3, 25)}, {pascal(rng, 3, 25)}]",
            "Stream[dict[str, Any]]",
        ]
    )
    head = rng.choice(["def", "async def"])
    return f"    {head} {ident(rng, 1, 30)}({', '.join(params)}) -> {ret}:"


def field_line(rng: random.Random) -> str:
    name = ident(rng, 1, 35)
    ann = annotation(rng)
    if rng.random() < 0.7:
        ann += " | None"
    if rng.random() < 0.3:
        wire = ident(rng, 1, 30).replace("_", "-")
        return (
            f'    {name}: {ann} = _field(default=None, metadata={{"wire": "{wire}"}})'
        )
    return f"    {name}: {ann} = None"


def compare(lines: list[str], wrap: str, unwrap: str = "") -> int:
    """Compare layout and black on the handled lines; the number handled."""
    handled = []
    for line in lines:
        if len(line) <= layout.LINE_LENGTH or layout._split(line) is not None:
            handled.append(line)
    text = wrap.format(body="\n".join(handled) + "\n" + unwrap)
    ours = layout.lay_out(text)
    assert ours is not None
    theirs = black.format_str(text, mode=MODE)
    if ours != theirs:
        diff = "".join(
            difflib.unified_diff(
                ours.splitlines(True), theirs.splitlines(True), "layout", "black", n=2
            )
        )
        pytest.fail(f"layout differs from black:\n{diff[:6000]}")
    return sum(len(line) > layout.LINE_LENGTH for line in handled)


def test_imports_match_black() -> None:
    rng = random.Random(1)
    lines = []
    for _ in range(CASES):
        indent = rng.choice(["", "    "])
        module = "." * rng.randint(1, 2) + ident(rng, 5, 60)
        names = ", ".join(pascal(rng) for _ in range(rng.randint(1, 3)))
        lines.append(f"{indent}from {module} import {names}")
    split = compare(
        [line for line in lines if not line.startswith(" ")], "{body}"
    ) + compare(
        [line for line in lines if line.startswith(" ")], "if TYPE_CHECKING:\n{body}"
    )
    assert split > CASES / 4


def test_defs_match_black() -> None:
    rng = random.Random(2)
    lines = [def_line(rng) + "\n        pass\n" for _ in range(CASES)]
    handled = [
        line
        for line in lines
        if len(line.split("\n")[0]) <= layout.LINE_LENGTH
        or layout._split(line.split("\n")[0]) is not None
    ]
    assert len(handled) > CASES / 3
    text = "class A:\n" + "\n".join(handled)
    ours = layout.lay_out(text)
    assert ours == black.format_str(text, mode=MODE)


def test_single_argument_calls_match_black() -> None:
    rng = random.Random(3)
    lines = []
    for _ in range(CASES):
        attr = ident(rng, 1, 40)
        cls = pascal(rng, 5, 70)
        lines.append(
            rng.choice(
                [
                    f"        self.{attr} = to_raw_response_wrapper(resource.{attr})",
                    f"        self.{attr} = {cls}WithRawResponse(resource.{attr})",
                    f"        return {cls}(self._client)",
                    f"        return await self._client.{attr}(self)",
                ]
            )
        )
    split = compare(lines, "class A:\n    def f(self) -> None:\n{body}")
    assert split > CASES / 5


def test_fields_match_black() -> None:
    rng = random.Random(4)
    lines = []
    for _ in range(CASES * 2):
        lines.append(field_line(rng))
    split = compare(lines, "class A:\n{body}")
    assert split > CASES / 4


def test_unsplittable_entries_stay() -> None:
    rng = random.Random(5)
    entries = [
        f'    "{pascal(rng, 20, 80)}": ".types.{ident(rng, 20, 80)}",'
        for _ in range(50)
    ]
    names = [f'    "{pascal(rng, 60, 120)}",' for _ in range(50)]
    assert compare(entries, "X = {{\n{body}}}") > 10
    assert compare(names, "X = [\n{body}]") > 10


@pytest.mark.parametrize(
    "value",
    ["plain", 'say "hi"', "it's", "both ' and \"", "back\\slash", "tab\there", "é", 3],
)
def test_literals_are_black_stable(value: object) -> None:
    text = f"X = {layout.literal(value)}\n"
    assert black.format_str(text, mode=MODE) == text
    assert eval(layout.literal(value)) == value


def test_outside_the_shapes_black_is_asked() -> None:
    long_call = "x = f(" + ", ".join(f"argument_{i}" for i in range(12)) + ")\n"
    assert layout.lay_out(long_call) is None
    assert layout.lay_out('X = "caf\u00e9"\n') is None
    assert layout.lay_out('X = "a\\"b"\n') is None


# --- the shapes real-world specs produce: names longer than a line --------------------


def test_long_imports_classes_and_all_match_black() -> None:
    rng = random.Random(6)
    imports = [
        f"    from .{ident(rng, 40, 100)} import {pascal(rng, 40, 110)}"
        for _ in range(CASES // 4)
    ]
    assert compare(imports, "if TYPE_CHECKING:\n{body}") > CASES / 8
    classes = [f"class {pascal(rng, 30, 110)}(BaseModel):" for _ in range(CASES // 4)]
    text = "".join(f"\n\n{line}\n    x: int\n" for line in classes)[2:]
    assert layout.lay_out(text) == black.format_str(text, mode=MODE)
    assert sum(len(line) > layout.LINE_LENGTH for line in classes) > CASES / 16
    names = [
        "__all__ = ["
        + ", ".join(f'"{pascal(rng, 10, 100)}"' for _ in range(rng.randint(1, 2)))
        + "]"
        for _ in range(CASES // 4)
    ]
    assert compare(names, "{body}") > CASES / 8


def test_long_calls_match_black() -> None:
    rng = random.Random(7)
    lines = []
    for _ in range(CASES):
        attr = ident(rng, 1, 50)
        cls = pascal(rng, 40, 100)
        lines.append(
            rng.choice(
                [
                    f"        self.{attr} = {cls}WithRawResponse(resource.{attr})",
                    f"        return {cls}WithRawResponse(self)",
                    f"        return {cls}(self._client)",
                    f"        return await self._client.{ident(rng, 40, 100)}(self)",
                ]
            )
        )
    split = compare(lines, "class A:\n    def f(self) -> None:\n{body}")
    assert split > CASES / 2


def test_call_arguments_and_entries_match_black() -> None:
    rng = random.Random(8)
    lines = []
    for _ in range(CASES):
        lines.append(
            rng.choice(
                [
                    f"            parse=parse_model({pascal(rng, 40, 100)}),",
                    f'            "/{ident(rng, 40, 110)}/{{Sid}}.json",',
                    f"            {ident(rng, 3, 20)}={{",
                ]
            )
        )
        if lines[-1].endswith("{"):
            lines.append(
                f'                "{pascal(rng, 20, 60)}": {ident(rng, 20, 60)},'
            )
            lines.append("            },")
    wrap = "class A:\n    def f(self) -> None:\n        return client.request(\n{body}        )\n"
    assert compare(lines, wrap) > CASES / 4


def test_long_params_and_fields_match_black() -> None:
    rng = random.Random(9)
    defs = []
    for _ in range(CASES // 2):
        params = ["self", "*"]
        for _ in range(rng.randint(1, 4)):
            name = ident(rng, 1, 40)
            kind = rng.choice(["literal", "union", "list", "plain"])
            ann = {
                "literal": literal(rng),
                "union": f"{pascal(rng, 20, 90)} | None",
                "list": f"list[{pascal(rng, 40, 100)}]",
                "plain": pascal(rng, 3, 20),
            }[kind]
            params.append(
                f"{name}: {ann}" + rng.choice(["", " | NotGiven = NOT_GIVEN"])
            )
        defs.append(f"    def {ident(rng, 1, 30)}({', '.join(params)}) -> None:")
    handled = [line for line in defs if layout._split(line) is not None]
    assert sum(len(line) > layout.LINE_LENGTH for line in handled) > CASES / 8
    text = "class A:\n" + "\n".join(f"{line}\n        pass\n" for line in handled)
    assert layout.lay_out(text) == black.format_str(text, mode=MODE)
    fields = []
    for _ in range(CASES):
        ann = rng.choice([pascal(rng, 40, 110), f"list[{pascal(rng, 40, 110)}]"])
        fields.append(f"    {ident(rng, 1, 30)}: {ann} | None = None")
    assert compare(fields, "class A:\n{body}") > CASES / 2


def test_long_raw_response_classes_match_black() -> None:
    rng = random.Random(10)
    text = ""
    for _ in range(CASES // 4):
        name = pascal(rng, 40, 100)
        text += (
            f"\n\nclass {name}WithRawResponse:\n"
            f"    def __init__(self, resource: {name}) -> None:\n"
            f"        self.{ident(rng, 1, 40)} = to_raw_response_wrapper(resource.x)\n"
        )
    assert layout.lay_out(text[2:]) == black.format_str(text[2:], mode=MODE)


def test_long_return_annotations_match_black() -> None:
    rng = random.Random(11)
    defs = []
    for _ in range(CASES // 2):
        params = ["self"] + [
            f"{ident(rng, 1, 20)}: str" for _ in range(rng.randint(0, 6))
        ]
        ret = rng.choice(
            [
                pascal(rng, 30, 100),
                f"{pascal(rng, 10, 40)} | Stream[{pascal(rng, 5, 40)}]",
            ]
        )
        defs.append(f"    def {ident(rng, 1, 30)}({', '.join(params)}) -> {ret}:")
    handled = [line for line in defs if layout._split(line) is not None]
    assert sum(len(line) > layout.LINE_LENGTH for line in handled) > CASES / 8
    text = "class A:\n" + "\n".join(f"{line}\n        pass\n" for line in handled)
    assert layout.lay_out(text) == black.format_str(text, mode=MODE)


def test_runtime_modules_need_no_black() -> None:
    # copied into every package: each must already be laid out, or every run pays black
    from generator import resources

    for path in sorted(resources.runtime().glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert layout.lay_out(text) == text, path.name


def test_overload_stubs_match_black() -> None:
    rng = random.Random(12)
    defs = []
    for _ in range(CASES // 2):
        params = ["self", "*"] + [param(rng) for _ in range(rng.randint(1, 6))]
        ret = rng.choice(
            [
                "None",
                pascal(rng, 3, 30),
                f"Stream[{pascal(rng, 3, 30)}]",
                f"{pascal(rng, 3, 30)} | Stream[{pascal(rng, 3, 30)} | UnknownEvent]",
            ]
        )
        head = rng.choice(["def", "async def"])
        defs.append(
            f"    @overload\n    {head} {ident(rng, 1, 30)}({', '.join(params)}) -> {ret}: ..."
        )
    lines = [d.split("\n")[1] for d in defs]
    handled = [d for d, line in zip(defs, lines) if layout._split(line) is not None]
    assert sum(len(d.split("\n")[1]) > layout.LINE_LENGTH for d in handled) > CASES / 8
    text = "class A:\n" + "\n\n".join(handled) + "\n"
    assert layout.lay_out(text) == black.format_str(text, mode=MODE)


def test_fields_at_the_limit_match_black() -> None:
    # `name: annotation =` one to four columns short of the limit: whether the default
    # can go in parentheses on that line decides black's layout
    lines = []
    for short in range(0, 6):
        for union in (True, False):
            head = "    capabilities: "
            tail = " | None =" if union else " ="
            width = layout.LINE_LENGTH - short - len(head) - len(tail)
            name = ("Capabilities" * 10)[:width]
            lines.append(f"{head}{name}{tail} None")
    assert compare(lines, "class A:\n{body}") >= 8
