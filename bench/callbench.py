"""Child process of the per-call benchmark: N identical GETs, timed inside the process.

    python bench/callbench.py --mode generated --base-url http://127.0.0.1:PORT \
        --package-dir generated/chatflow/en --calls 2000

``generated`` calls ``Client(...).info.retrieve()`` of the generated package; ``raw`` sends
the same request (same headers, same httpx client settings) with a bare ``httpx.Client``
and decodes the JSON body. Prints one JSON object: ``{"mode", "calls", "seconds"}``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

API_KEY = "bench-key"
PACKAGE = "dify_chatflow"


def generated_call(base_url: str, package_dir: Path) -> Callable[[], Any]:
    sys.path.insert(0, str(package_dir))
    module = importlib.import_module(PACKAGE)
    client = module.Client(api_key=API_KEY, base_url=base_url, max_retries=0)

    def call() -> Any:
        return client.info.retrieve()

    return call


def raw_call(base_url: str) -> Callable[[], Any]:
    import httpx

    # The same settings the generated client gives its own httpx.Client.
    http = httpx.Client(timeout=60.0, follow_redirects=True)
    url = base_url.rstrip("/") + "/info"
    headers = {"Authorization": f"Bearer {API_KEY}", "Accept": "application/json"}

    def call() -> Any:
        response = http.get(url, headers=headers)
        response.raise_for_status()
        return response.json()

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=("generated", "raw"), required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--package-dir", type=Path, default=None)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args()

    if args.mode == "generated":
        if args.package_dir is None:
            parser.error("--package-dir is required with --mode generated")
        call = generated_call(args.base_url, args.package_dir)
    else:
        call = raw_call(args.base_url)

    for _ in range(args.warmup):  # connection set up, lazy imports, caches
        call()
    start = time.perf_counter()
    for _ in range(args.calls):
        call()
    seconds = time.perf_counter() - start
    print(json.dumps({"mode": args.mode, "calls": args.calls, "seconds": seconds}))


if __name__ == "__main__":
    main()
