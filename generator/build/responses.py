"""What an operation answers with: the kind of its success response, and streaming."""

from __future__ import annotations

from generator.merge.model import MediaType, Operation, Response, Schema

EVENT_STREAM = "text/event-stream"
# a JSON value per line (JSON Lines, NDJSON): a stream too, never one JSON body
LINE_JSON = frozenset(
    {
        "application/jsonl",
        "application/x-jsonlines",
        "application/jsonlines",
        "application/x-ndjson",
        "application/ndjson",
    }
)


def is_stream(content_type: str) -> bool:
    return content_type == EVENT_STREAM or content_type in LINE_JSON


def success_response(op: Operation) -> Response | None:
    """The first 2xx response; else ``default`` when the operation documents no 2xx."""
    for response in op.responses:
        if response.status.startswith("2"):
            return response
    return next((r for r in op.responses if r.status == "default"), None)


def _json_media(response: Response) -> MediaType | None:
    """The response's first JSON media type that is one body (not JSON Lines)."""
    return next(
        (
            m
            for m in response.content
            if "json" in m.content_type and not is_stream(m.content_type)
        ),
        None,
    )


def success_of(op: Operation) -> tuple[str, Schema | None] | None:
    """(kind, schema) of the success response: none | json | stream | text | bytes."""
    response = success_response(op)
    if response is None:
        return None
    if not response.content:
        return ("none", None)
    json_media = _json_media(response)
    if json_media is not None:
        return ("json", json_media.schema)
    content_type = response.content[0].content_type
    if is_stream(content_type):
        return ("stream", None)
    if content_type.startswith("text/"):
        return ("text", None)
    return ("bytes", None)


def other_json_successes(op: Operation) -> list[tuple[str, Schema]]:
    """(status, schema) of the 2xx JSON responses after the first, whose schema differs."""
    first = success_of(op)
    chosen = success_response(op)
    out: list[tuple[str, Schema]] = []
    for response in op.responses:
        if not response.status.startswith("2") or response is chosen:
            continue
        media = _json_media(response)
        if media is None or media.schema is None:
            continue
        seen = [first[1] if first else None, *(s for _, s in out)]
        if media.schema not in seen:
            out.append((response.status, media.schema))
    return out


def streams(op: Operation) -> bool:
    return any(
        is_stream(m.content_type)
        for r in op.responses
        if r.status.startswith("2")
        for m in r.content
    )
