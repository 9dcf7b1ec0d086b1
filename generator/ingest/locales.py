"""Locale tags: recognising them in paths and normalising their spelling."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath

# ISO 639-1 language codes; a path segment is a locale tag when its language subtag is one.
_LANGUAGES = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs
    cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he
    hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr
    ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng
    nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk
    sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz
    ve vi vo wa wo xh yi yo za zh zu""".split()
)
_TAG = re.compile(r"^([A-Za-z]{2})(?:[-_]([A-Za-z]{4}|[A-Za-z]{2}|[0-9]{3}))*$")


def normalize(tag: str) -> str:
    """Canonical spelling: ``zh_hans`` -> ``zh-Hans``, ``ja_jp`` -> ``ja-JP``."""
    parts = re.split(r"[-_]", tag)
    out = [parts[0].lower()]
    for sub in parts[1:]:
        out.append(sub.title() if len(sub) == 4 else sub.upper())
    return "-".join(out)


def is_locale_tag(segment: str) -> bool:
    """Whether a path segment reads as a locale tag (``en``, ``zh-Hans``, ``ja-JP``)."""
    match = _TAG.match(segment)
    return match is not None and match.group(1).lower() in _LANGUAGES


def locale_of_segment(
    segment: str, aliases: Mapping[str, str] | None = None
) -> str | None:
    """The locale one path segment names: an alias (``cn`` -> ``zh-Hans``) or a tag."""
    if aliases and segment in aliases:
        return normalize(aliases[segment])
    return normalize(segment) if is_locale_tag(segment) else None


def locale_from_path(path: str, aliases: Mapping[str, str] | None = None) -> str | None:
    """The locale named by the path segment nearest to the file, if any.

    Directory segments count, and so does a dotted part of the file name
    (``openapi.zh.json``); ``aliases`` maps folder names that are not locale tags.
    """
    pure = PurePosixPath(path.replace("\\", "/"))
    candidates = list(pure.parts[:-1])
    candidates += pure.name.split(".")[1:-1]
    for segment in reversed(candidates):
        found = locale_of_segment(segment, aliases)
        if found is not None:
            return found
    return None
