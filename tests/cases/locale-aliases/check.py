"""Folder names that are not locale tags, mapped by ``--locale-alias`` (args.txt; the
target config's ``locale_aliases``): ``english/`` is en, ``cn/`` is zh-Hans. Without the
aliases, neither document has a locale and the run is refused."""

import inspect
from pathlib import Path
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    method = type(client.status).retrieve
    assert (inspect.getdoc(method) or "").startswith("The service status.")
    # the zh-Hans distribution sits beside the English one, with the Chinese prose
    package = Path(inspect.getfile(type(client))).parent
    zh = package.parents[1] / "zh-Hans" / package.name / "resources" / "status.py"
    assert "服务状态。" in zh.read_text(encoding="utf-8")
    assert client.status.retrieve().ok is True
