"""Merge stage: every locale's document -> one ``Api`` model plus the drift found on the way.

The primary locale supplies identifiers and structure; the document's own prose (title,
description, servers, tags) is kept per locale here, operations in ``operations``, schemas
in ``schemas``.
"""

from __future__ import annotations

from generator.ingest.load import LocaleDocument
from generator.ingest.twins import Twin
from generator.merge.drift import DriftCollector, DriftReport, Owner
from generator.merge.model import Api, Server, Tag
from generator.merge.normalize import agree, server_url
from generator.merge.operations import OperationMerger
from generator.merge.prose import MergeContext
from generator.merge.schemas import SchemaMerger
from generator.merge.security import attach_security, security_schemes
from generator.problems import InputError, Problem


def order_locales(
    available: list[str], primary: str, wanted: list[str] | None
) -> tuple[str, ...]:
    """Primary first, then the wanted (or available, sorted) locales; InputError if one lacks a document."""
    chosen = list(wanted) if wanted else sorted(available)
    problems = [
        Problem(
            f"no document for locale {loc!r} (found: {', '.join(sorted(available))})",
            (),
            loc,
        )
        for loc in dict.fromkeys([primary, *chosen])
        if loc not in available
    ]
    if problems:
        raise InputError(problems)
    return tuple(dict.fromkeys([primary, *chosen]))


def merge(
    documents: list[LocaleDocument],
    primary: str = "en",
    locales: list[str] | None = None,
    drift: bool = True,
    twins: dict[str, Twin] | None = None,
) -> tuple[Api, DriftReport]:
    """The model and the drift between the locales (``drift=False``: the same model,
    without comparing the locales' structure or tracking their prose: the report then
    holds only the missing operations and the differences the model itself shows).

    ``twins``: locales whose documents repeat the primary's but for their prose, given by
    their texts instead of their documents (ingest/twins.py; only without drift): the
    same model as with their documents, and none of them is walked."""
    if twins and drift:
        raise ValueError("twins are merged without looking for drift")
    by_locale = {doc.locale: doc for doc in documents}
    twins = {
        loc: t
        for loc, t in (twins or {}).items()
        if loc not in by_locale and loc != primary
    }
    order = order_locales([*by_locale, *twins], primary, locales)
    walked = tuple(loc for loc in order if loc not in twins)
    ctx = MergeContext(
        primary,
        walked,
        {loc: by_locale[loc].document for loc in walked},
        DriftCollector(),
        report=drift,
        twins={loc: twins[loc] for loc in order if loc in twins},
        every=order if len(walked) < len(order) else (),
    )
    merger = OperationMerger(ctx, SchemaMerger(ctx))
    operations = merger.operations()
    schemas = merger.schemas.components()
    schemes = security_schemes(ctx)
    security, operations = attach_security(by_locale[primary], schemes, operations)
    docs = ctx.documents
    everywhere = order
    api = Api(
        primary=primary,
        locales=order,
        sources=tuple(
            (loc, by_locale[loc].files if loc in by_locale else twins[loc].files)
            for loc in order
        ),
        title=ctx.text(
            Owner(),
            "/info/title",
            {l: (docs[l].get("info") or {}).get("title") for l in walked},
            everywhere,
        ),
        description=ctx.text(
            Owner(),
            "/info/description",
            {l: (docs[l].get("info") or {}).get("description") for l in walked},
            everywhere,
        ),
        version=str((docs[primary].get("info") or {}).get("version", "")),
        servers=_servers(ctx),
        tags=_tags(ctx),
        operations=operations,
        schemas=schemas,
        security_schemes=schemes,
        security=security,
    )
    report = DriftReport.from_collector(ctx.drift, primary, order, len(operations))
    return api, report


def _servers(ctx: MergeContext) -> tuple[Server, ...]:
    lists = {loc: ctx.documents[loc].get("servers") or [] for loc in ctx.locales}
    urls = {loc: [server_url(s) for s in servers] for loc, servers in lists.items()}
    if not agree(urls.values()):
        ctx.drift.differ(Owner(), "/servers", urls)
    base = lists[ctx.primary]
    return tuple(
        Server(
            server_url(server),
            ctx.text(
                Owner(),
                f"/servers/{i}/description",
                {
                    l: (lists[l][i] if i < len(lists[l]) else {}).get("description")
                    for l in ctx.locales
                },
                ctx.locales,
            ),
        )
        for i, server in enumerate(base)
    )


def _tags(ctx: MergeContext) -> tuple[Tag, ...]:
    lists = {loc: ctx.documents[loc].get("tags") or [] for loc in ctx.locales}
    out = []
    for i in range(len(lists[ctx.primary])):
        entry = {l: lists[l][i] for l in ctx.locales if i < len(lists[l])}
        present = tuple(entry)
        out.append(
            Tag(
                ctx.text(
                    Owner(),
                    f"/tags/{i}/name",
                    {l: e.get("name") for l, e in entry.items()},
                    present,
                    track=False,
                    prose=False,
                ),
                ctx.text(
                    Owner(),
                    f"/tags/{i}/description",
                    {l: e.get("description") for l, e in entry.items()},
                    present,
                ),
            )
        )
    return tuple(out)
