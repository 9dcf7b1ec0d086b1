"""What creating a tree's files costs on this disk: the floor under any tool writing them.

    python bench/floor.py TREE OUT     # prints: <files> <seconds>

Reads every file under TREE into memory first, then creates the same folders and files
under OUT (which must not exist yet) from this one process, and prints how many files it
wrote and how many seconds the creating took (the reading is not timed). Creating a file
costs the kernel far more than writing its bytes, and how much more depends on the file
system and the machine: on a virtual machine's disk it can be most of a generator's run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def read_tree(tree: Path) -> list[tuple[Path, bytes]]:
    return [
        (path.relative_to(tree), path.read_bytes())
        for path in sorted(tree.rglob("*"))
        if path.is_file()
    ]


def create(out: Path, files: list[tuple[Path, bytes]]) -> float:
    """Seconds taken to create ``files`` under ``out``, folders included."""
    start = time.perf_counter()
    for folder in sorted({path.parent for path, _ in files}):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for path, data in files:
        with open(out / path, "xb") as handle:
            handle.write(data)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    tree, out = Path(argv[0]), Path(argv[1])
    if out.exists():
        print(f"{out} exists already", file=sys.stderr)
        return 2
    files = read_tree(tree)
    out.mkdir(parents=True)
    seconds = create(out, files)
    print(len(files), f"{seconds:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
