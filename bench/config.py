"""What the benchmark measures and where it lives: paths, package names, versions.

Constants only, shared by the other bench modules; importing it runs nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import synth

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PYTHON = sys.executable
OPC_VERSION = "0.29.1"  # openapi-python-client, installed in its own virtualenv
OPC_VENV = BENCH_DIR / ".venv-opc"
CHATFLOW_SPECS = ROOT / "specs" / "dify-chatflow"
OPC_SPEC = CHATFLOW_SPECS / "en" / "openapi_chatflow.json"
CLIENT_DIR = ROOT / "generated" / "chatflow" / "en"
PACKAGE = "dify_chatflow"
SYNTH_PACKAGE = "synth_api"
LOCALE_COUNT = len(synth.LOCALES)
LARGE_SIZE = 1000  # synthetic sizes from here on use --large-repeat
# The generator's cache folder (generator/output/cache.py); an empty value turns the cache off.
CACHE_VARIABLE = "POLYGLOT_GENERATOR_CACHE"
