"""The conflict-checking pass, before anything renders: every name unique in its scope.

A resource's members (sub-resources, methods, the runtime's own attributes), the client's
members, and every class of the package (resource classes in all their forms, models, the
runtime's names), compared case-insensitively where a file system or a reader would confuse
them. Each collision resolves deterministically into a readable name, reported as a note.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from generator.build.names import pascal, unique
from generator.conventions import RUNTIME_NAMES
from generator.merge.model import Operation


class _Member(Protocol):
    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def name(self) -> str: ...

    @property
    def operation(self) -> Operation: ...


M = TypeVar("M", bound=_Member)


@dataclass
class Node(Generic[M]):
    """A resource (or the client itself) while the tree is built: names may still change."""

    methods: list[M] = field(default_factory=list)
    children: dict[str, Node[M]] = field(default_factory=dict)

    def method_names(self) -> set[str]:
        return {m.name for m in self.methods}

    def walk(self, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Node[M]]]:
        """Every resource below this node (not the node itself), parents first."""
        for attr, child in sorted(self.children.items()):
            yield path + (attr,), child
            yield from child.walk(path + (attr,))


def key(method: _Member) -> str:
    """``GET /path``: how notes name an operation."""
    return f"{method.operation.method.upper()} {method.operation.path}"


def _free(name: str, taken: set[str]) -> str:
    """``name_`` (as for keywords) if free, else ``name_2``, ``name_3``..."""
    return unique(name + "_", taken) if name + "_" not in taken else unique(name, taken)


def resolve_members(
    node: Node[M],
    reserved: frozenset[str],
    child_reserved: frozenset[str],
    where: str,
    notes: list[str],
) -> None:
    """Sub-resources keep their names unless the class already has the attribute
    (``reserved``); a method gives way to a sub-resource and to ``reserved``. Then the same
    for each sub-resource, whose own attributes are ``child_reserved``."""
    scope = f"{where} " if where else "the client "
    for attr in sorted(node.children):
        if attr in reserved:
            new = _free(attr, set(node.children) | reserved | node.method_names())
            notes.append(
                f"resource {where + '.' if where else ''}{attr} renamed {new}: "
                f"{scope.strip()} already has the attribute {attr}"
            )
            node.children[new] = node.children.pop(attr)
    taken = set(node.children) | reserved | node.method_names()
    for i, method in enumerate(node.methods):
        if method.name in set(node.children) | reserved:
            # beside a resource: name_2 (as for two methods); the class's own: name_
            by_resource = method.name in node.children
            new = (unique if by_resource else _free)(method.name, taken)
            what = "a resource" if by_resource else "an attribute"
            notes.append(
                f"{key(method)}: name {'.'.join(filter(None, (where, method.name)))} "
                f"taken by {what}, using {new}"
            )
            node.methods[i] = dataclasses.replace(method, name=new)
    for attr, child in sorted(node.children.items()):
        path = f"{where}.{attr}" if where else attr
        resolve_members(child, child_reserved, child_reserved, path, notes)


def class_forms(name: str) -> tuple[str, ...]:
    """The classes a resource module defines for one resource."""
    return (
        name,
        f"Async{name}",
        f"{name}WithRawResponse",
        f"Async{name}WithRawResponse",
    )


def resource_class_names(
    paths: Iterable[tuple[str, ...]], models: Iterable[str], notes: list[str]
) -> dict[tuple[str, ...], str]:
    """A class name per resource path, none of whose forms equals (ignoring case) a
    model's or another resource's, or is the runtime's. Shorter paths choose first."""
    models_folded = {m.casefold() for m in models}
    taken = set(models_folded)

    def clashes(form: str) -> bool:
        return form.casefold() in taken or form in RUNTIME_NAMES

    found: dict[tuple[str, ...], str] = {}
    for path in sorted(paths, key=lambda p: (len(p), p)):
        wanted = name = pascal("_".join(path))
        n = 1
        while any(clashes(form) for form in class_forms(name)):
            name = f"{wanted}Resource" + (str(n) if n > 1 else "")
            n += 1
        if name != wanted:
            clash = next(f for f in class_forms(wanted) if clashes(f))
            owner = "a model" if clash.casefold() in models_folded else "another class"
            notes.append(
                f"resource class {wanted} renamed {name}: {owner} has the name {clash}"
            )
        taken |= {form.casefold() for form in class_forms(name)}
        found[path] = name
    return found
