"""Python types as values: a type renders its annotation and knows what it imports.

Nothing downstream searches annotation text: imports come from ``typing_names``,
``model_imports`` and ``uses_builtins`` over the types a module uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.literals import literal as literal_of

BUILTINS = frozenset({"list", "dict", "str", "int", "float", "bool", "bytes", "object"})
TYPING = ("Annotated", "Any", "Literal")  # in the order generated imports name them


@dataclass(frozen=True)
class PyType:
    """``name[args]``; ``Literal`` holds rendered ``values``; ``|`` is a union of ``args``.

    ``model`` is the module (in ``types/``) that defines a model class, "" otherwise.
    """

    name: str
    args: tuple[PyType, ...] = ()
    values: tuple[str, ...] = ()
    model: str = ""

    def annotation(self, shadowed: frozenset[str] = frozenset()) -> str:
        """The annotation text; builtins in ``shadowed`` are written ``builtins.x``."""
        if self.name == "|":
            return " | ".join(arg.annotation(shadowed) for arg in self.args)
        if self.name == "Literal":
            return f"Literal[{', '.join(self.values)}]"
        if self.name == "Annotated":
            return f"Annotated[{self.args[0].annotation(shadowed)}, {self.values[0]}]"
        name = f"builtins.{self.name}" if self.name in shadowed else self.name
        if not self.args:
            return name
        return f"{name}[{', '.join(arg.annotation(shadowed) for arg in self.args)}]"

    def walk(self) -> Iterator[PyType]:
        """This type and every type inside it."""
        yield self
        for arg in self.args:
            yield from arg.walk()

    @property
    def members(self) -> tuple[PyType, ...]:
        """The members of a union; a single type otherwise."""
        return self.args if self.name == "|" else (self,)

    @property
    def is_optional(self) -> bool:
        return any(member == NONE for member in self.members)

    @property
    def is_open(self) -> bool:
        """``Any`` or ``object``: accepts anything, never made optional."""
        return self in (ANY, OBJECT)


ANY = PyType("Any")
OBJECT = PyType("object")
NONE = PyType("None")
STR, INT, FLOAT, BOOL, BYTES = (PyType(n) for n in ("str", "int", "float", "bool", "bytes"))
FILE = PyType("FileTypes")


def list_of(item: PyType) -> PyType:
    return PyType("list", (item,))


def dict_of(value: PyType) -> PyType:
    return PyType("dict", (STR, value))


def model(class_name: str, module: str) -> PyType:
    return PyType(class_name, model=module)


def literal(values: Iterable[str]) -> PyType:
    return PyType("Literal", values=tuple(values))


def discriminated(union: PyType, prop: str, classes: dict[str, str]) -> PyType:
    """``union`` annotated with the runtime's ``Discriminated(prop, {value: class})``."""
    entries = [f"{literal_of(v)}: {literal_of(c)}" for v, c in sorted(classes.items())]
    rendered = f"Discriminated({literal_of(prop)}, {{{', '.join(entries)}}})"
    # after the rendered form: the property and each entry, for code laid out by hand
    return PyType("Annotated", (union,), (rendered, literal_of(prop), *entries))


def runtime_names(types: Iterable[PyType]) -> tuple[str, ...]:
    """The names these types import from the runtime's ``_models``."""
    used = any(inner.name == "Annotated" for t in types for inner in t.walk())
    return ("Discriminated",) if used else ()


def union(types: Iterable[PyType]) -> PyType:
    """The union of ``types``, nested unions flattened, each member once, in order."""
    members: list[PyType] = []
    for t in types:
        for member in t.members:
            if member not in members:
                members.append(member)
    return members[0] if len(members) == 1 else PyType("|", tuple(members))


def optional(t: PyType) -> PyType:
    """``t | None``, unless ``t`` is open or already allows None."""
    return t if t.is_open or t.is_optional else union((t, NONE))


def typing_names(types: Iterable[PyType]) -> tuple[str, ...]:
    """The names these types import from ``typing``."""
    used = {inner.name for t in types for inner in t.walk()}
    return tuple(name for name in TYPING if name in used)


def model_imports(types: Iterable[PyType]) -> tuple[tuple[str, str], ...]:
    """(module, class) of every model these types name, sorted."""
    return tuple(
        sorted({(inner.model, inner.name) for t in types for inner in t.walk() if inner.model})
    )


def uses_builtins(types: Iterable[PyType], shadowed: frozenset[str]) -> bool:
    """Whether rendering these types with ``shadowed`` writes ``builtins.x``."""
    return any(inner.name in shadowed for t in types for inner in t.walk())
