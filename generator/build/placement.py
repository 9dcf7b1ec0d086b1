"""Where each operation lives and what its method is called, before conflicts are resolved.

The path (or the operationId, with ``names = "operation_id"``) gives a resource path and a
method name; an action whose name is also a resource moves into that resource; the target's
``rename`` overrides come last. ``build.conflicts`` then makes every name unique.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.build.names import is_action, resource_and_verb, snake, standard_verb
from generator.config import Target
from generator.merge.model import Api, Operation

Placement = tuple[Operation, tuple[str, ...], str]  # operation, resource path, method


def place(
    api: Api,
    target: Target,
    is_collection: Callable[[Operation], bool],
    notes: list[str],
) -> list[Placement]:
    """Every operation's placement, in the API's order; what changed is a note."""
    found = []
    for op in api.operations:
        collection = is_collection(op)
        resource, verb = resource_and_verb(op.method, op.path, collection)
        action = is_action(op.path)
        if target.names == "operation_id":
            operation_id = op.operation_id.pick(api.primary, api.primary).value
            if operation_id:
                verb, action = snake(operation_id, "call"), False
        found.append((op, resource, verb, action, collection))
    resources = {r[:i] for _, r, _, _, _ in found for i in range(1, len(r) + 1)}
    overrides = dict(target.rename)
    placed = []
    for op, resource, verb, action, collection in found:
        key = f"{op.method.upper()} {op.path}"
        if action and resource + (verb,) in resources:
            # GET /projects/{id}/assistant beside /projects/{id}/assistant/threads: the
            # operation belongs to the resource its last segment names
            resource += (verb,)
            verb = standard_verb(op.method.lower(), False, collection)
            notes.append(
                f"{key}: {'.'.join(resource)} is a resource, "
                f"using {'.'.join(resource + (verb,))}"
            )
        if key in overrides:
            *res, verb = overrides[key].split(".")
            resource = tuple(snake(r) for r in res) if res else resource
            verb = snake(verb)
        placed.append((op, resource, verb))
    known = {f"{op.method.upper()} {op.path}" for op in api.operations}
    for key in sorted(set(overrides) - known):
        notes.append(f"rename: {key} is not an operation of the spec")
    return placed
