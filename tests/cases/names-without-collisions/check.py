"""Names that would collide resolve into readable ones, and every one of them works: the
operation on ``/`` is the client's own method, a method never overrides a sub-resource, a
resource class never shadows a model, ``list`` on a collection returns typed models."""

from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    root = client.retrieve()  # GET /
    assert type(root) is T.ApiRoot and (root.name, root.version) == ("demo", "1")
    assert server.requests[-1].path == "/"

    # GET /projects/{id}/assistant beside /projects/{id}/assistant/threads/{tid}
    assistant = client.projects.assistant.retrieve("p1")
    assert type(assistant) is T.Assistant and assistant.name == "helper"
    assert server.requests[-1].path == "/projects/p1/assistant"
    thread = client.projects.assistant.threads.retrieve("p1", "t1")
    assert type(thread) is T.Thread and thread.title == "hello"
    assert server.requests[-1].path == "/projects/p1/assistant/threads/t1"

    # the model Widgets is what the widgets resource returns, not its class
    widgets = client.widgets.retrieve()
    assert type(widgets) is T.Widgets and widgets.count == 2
    assert type(client.widgets).__name__ == "WidgetsResource"

    # a collection returning an array is list(), its items typed; the item is retrieve()
    pets = client.pets.list(from_="a", list_=True, result_=3)
    assert [type(p) for p in pets] == [T.Pet, T.Pet]
    assert [p.name for p in pets] == ["Rex", "Tom"]
    assert server.requests[-1].path == "/v2/pets"
    assert dict(server.requests[-1].query) == {
        "from": "a",
        "list": "true",
        "result": "3",
    }
    pet = client.pets.retrieve("p1")
    assert type(pet) is T.Pet and pet.id == "p1"
    updated = client.pets.update("p1", name="Max")  # POST on an item path
    assert type(updated) is T.Pet and updated.name == "Max"
    assert server.requests[-1].method == "POST"
    assert server.requests[-1].json() == {"name": "Max"}

    # no version segment or file extension in names; comparison suffixes read as words
    messages = client.accounts.messages.list(
        "AC1",
        date_sent="2024-01-01",
        date_sent_before="2024-02-01",
        date_sent_after="x",
    )
    assert [type(m) for m in messages] == [T.PetSummary]
    sent = server.requests[-1]
    assert sent.path == "/2010-04-01/Accounts/AC1/Messages.json"
    assert dict(sent.query) == {
        "DateSent": "2024-01-01",
        "DateSent<": "2024-02-01",
        "DateSent>": "x",
    }

    # two schemas whose names differ only in case: two classes, two modules
    summary = client.summaries.retrieve()
    assert type(summary) is T.Petsummary_2 and summary.total == 3
    assert T.PetSummary is not T.Petsummary_2

    # a schema named OwnerParam keeps its name; the TypedDict of Owner takes another
    owner = client.owners.create(owner={"name": "Ann"})
    assert type(owner) is T.OwnerParam and owner.id == "o1"
    assert server.requests[-1].json() == {"owner": {"name": "Ann"}}
    assert (
        T.OwnerParam_2 is not T.OwnerParam and T.OwnerParam_2.__required_keys__ == set()
    )

    # a resource named like the client's close(): renamed, close() still closes
    assert client.close_.create() is None
    assert server.requests[-1].method == "POST" and server.requests[-1].path == "/close"
    assert callable(client.close)

    # a resource named like the module annotations read shadowed builtins from
    assert client.builtins_.retrieve().id == "h1"
    assert server.requests[-1].path == "/builtins"
