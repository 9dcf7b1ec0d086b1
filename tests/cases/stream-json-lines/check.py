"""JSON Lines (``application/jsonl``) and NDJSON responses stream: each line is decoded
into the item's class (never the whole body as one JSON value), blank lines are skipped,
and the request asks for that media type."""

import asyncio
from typing import Any

from tests.e2e.case_env import package_of

LINES = (
    '{"type": "delay", "trip_id": "t1", "minutes": 12}\n'
    "\n"
    '{"type": "departed", "trip_id": "t1"}\n'
)


def check(T: Any, client: Any, server: Any) -> None:
    template = "/trips/{id}/updates"
    server.respond_events("GET", template, LINES, "application/jsonl")
    with client.trips.updates.retrieve("t1") as stream:
        updates = list(stream)
    assert [type(u) for u in updates] == [T.TripUpdate, T.TripUpdate]
    assert [(u.type, u.minutes) for u in updates] == [("delay", 12), ("departed", None)]
    assert server.requests[-1].headers["accept"] == "application/jsonl"
    assert stream.response.is_closed

    body = '{"id": 1}\n{"id": 2}\n{"id": 3}'  # no newline after the last line
    server.respond_events("GET", "/exports", body, "application/x-ndjson")
    records = list(client.exports.retrieve())
    assert [(type(r), r.id) for r in records] == [
        (T.Record, 1),
        (T.Record, 2),
        (T.Record, 3),
    ]
    assert server.requests[-1].headers["accept"] == "application/x-ndjson"

    async def run_async() -> None:
        async with package_of(client).AsyncClient(base_url=server.base_url) as aclient:
            found = [u async for u in await aclient.trips.updates.retrieve("t2")]
        assert [u.type for u in found] == ["delay", "departed"]

    asyncio.run(run_async())
