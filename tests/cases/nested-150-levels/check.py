"""150 levels of nested inline objects: one model per level, the long derived names
shortened (first and last words and a digest of the whole name, at most 64 characters),
so every class and file name stays usable; a response 150 levels deep is read into them.
"""

import re
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    names = T.__all__
    assert len(names) == 150 and len(set(names)) == 150  # Root, Level1..149
    assert max(len(n) for n in names) <= 64

    node = client.deep.retrieve()
    assert type(node) is T.Root
    full = "Root"
    for i in range(1, 151):
        assert node.depth == i
        node = getattr(node, f"level{i}")
        if i == 150:
            assert node == "bottom"
            break
        full += f"Level{i}"
        name = type(node).__name__
        assert type(node) is getattr(T, name)
        if len(full) <= 64:
            assert name == full
        else:  # first words, last words (this level's among them), a digest
            assert re.fullmatch(rf"RootLevel1Level2\w*Level{i}_[0-9a-f]{{8}}", name)
