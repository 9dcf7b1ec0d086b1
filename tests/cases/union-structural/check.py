"""Unions without a discriminator: the member whose required keys are present and whose
enum values match wins, then the one sharing most keys; scalars stay scalars."""

from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    drawing = client.drawings.retrieve("d1")
    assert [type(s).__name__ for s in drawing.shapes] == [
        "Circle",
        "Square",
        "Label",  # kind: label matches Label's enum, not Note's
        "Note",
    ]
    assert drawing.shapes[1].colour == "red" and drawing.shapes[0].radius == 2
    labels = drawing.labels
    assert labels[:2] == ["x", 7]
    # no required keys: the wrapper that knows the key (the first member would be wrong)
    assert type(labels[2]) is T.SelectWrapper and labels[2].select.options == ["a", "b"]
    assert type(labels[3]) is T.TextWrapper and labels[3].text_input.max == 3
    assert drawing.to_dict() == server.answer_for("GET", "/drawings/{drawing_id}")
