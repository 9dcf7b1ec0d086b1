"""OpenAPI 3.2 ``itemSchema`` on ``text/event-stream``: a discriminated union of events,
each decoded into its class; a kind the spec does not know arrives as ``UnknownEvent``.
"""

import typing
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    # a oneOf member keeps its own property type (the component may be used alone)
    assert typing.get_type_hints(T.Progress)["kind"] is str

    server.respond_events(
        "GET",
        "/jobs/{job_id}/events",
        'data: {"kind": "progress", "percent": 50}\n\n'
        "event: ping\n\n"
        'data: {"kind": "log", "line": "halfway"}\n\n'
        'data: {"kind": "progress", "percent": 100}\n\n'
        'data: {"kind": "finished", "result": "ok"}\n\n',
    )
    with client.jobs.events.retrieve("j1") as stream:
        events = list(stream)
    assert server.requests[-1].path == "/jobs/j1/events"
    assert server.requests[-1].headers["accept"] == "text/event-stream"
    names = [type(e).__name__ for e in events]
    assert names == ["Progress", "UnknownEvent", "Progress", "Finished"]
    assert [e.percent for e in events if type(e) is T.Progress] == [50, 100]
    assert events[1].event == "log" and events[1].data["line"] == "halfway"
    assert events[-1].result == "ok" and stream.response.is_closed
