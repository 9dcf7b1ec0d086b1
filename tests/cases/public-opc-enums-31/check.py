"""openapi-python-client's 3.1 enum document: string enums with and without a ``null``
member, an enum of only ``null``, integer and boolean enums as query parameters, enum
headers, ``allOf``-wrapped enums with a default, nested lists of enums in a model and in a
multipart body, ``additionalProperties: false``, ``{}`` (any) schemas, and a whole-body
array of models. The document has no examples: the answers are written here."""

import dataclasses
import re
from typing import Any, get_args, get_type_hints

A_MODELS = [
    {
        "an_enum_value": "FIRST_VALUE",
        "an_allof_enum_with_overridden_default": "overridden_default",
        "any_value": {"free": ["form", 1, None]},
        "an_optional_allof_enum": "bar",
        "nested_list_of_enums": [["DIFFERENT"], ["OTHER", "DIFFERENT"]],
    },
    {
        "an_enum_value": "SECOND_VALUE",
        "an_allof_enum_with_overridden_default": "foo",
    },
]


def parts(request: Any) -> list[tuple[str, str]]:
    """The (name, text) of each part of a multipart/form-data body, in order."""
    boundary = request.headers["content-type"].split("boundary=", 1)[1]
    found = []
    for chunk in request.body.decode().split("--" + boundary)[1:-1]:
        head, _, value = chunk.strip("\r\n").partition("\r\n\r\n")
        name = re.search(r'name="([^"]+)"', head)
        assert name is not None, head
        found.append((name.group(1), value))
    return found


def check(T: Any, client: Any, server: Any) -> None:
    fields = {f.name: f for f in dataclasses.fields(T.AModel)}
    required = {n for n, f in fields.items() if f.default is dataclasses.MISSING}
    assert required == {"an_enum_value", "an_allof_enum_with_overridden_default"}
    hints = get_type_hints(T.AModel)
    assert get_args(hints["an_enum_value"]) == ("FIRST_VALUE", "SECOND_VALUE")
    assert get_args(hints["an_allof_enum_with_overridden_default"]) == (
        "foo",
        "bar",
        "a_default",
        "overridden_default",
    )

    # a multipart body of enum lists
    server.respond("POST", "/tests/", 200, A_MODELS[1:])
    posted = client.tests.create(
        an_enum_value=["SECOND_VALUE", "FIRST_VALUE"],
        an_allof_enum_with_overridden_default="a_default",
        nested_list_of_enums=[["OTHER"], ["DIFFERENT", "OTHER"]],
    )
    assert [type(m) for m in posted] == [T.AModel]
    assert posted[0].an_allof_enum_with_overridden_default == "foo"
    sent = server.requests[-1]
    # an array property: one part per item; an array nested in it: a JSON part
    assert parts(sent) == [
        ("an_enum_value", "SECOND_VALUE"),
        ("an_enum_value", "FIRST_VALUE"),
        ("an_allof_enum_with_overridden_default", "a_default"),
        ("nested_list_of_enums", '["OTHER"]'),
        ("nested_list_of_enums", '["DIFFERENT","OTHER"]'),
    ]

    # integer and boolean enums in the query; `{}` responses are kept as they come
    server.respond("POST", "/enum/int", 200, {"echo": -1})
    assert client.enum.int(int_enum=-1) == {"echo": -1}
    assert server.requests[-1].query == (("int_enum", "-1"),)
    server.respond("POST", "/enum/bool", 200, [True])
    assert client.enum.bool(bool_enum=False) == [True]
    assert server.requests[-1].query == (("bool_enum", "false"),)

    # a whole-body array of models, every enum parameter in the query and headers
    server.respond("GET", "/tests/", 200, A_MODELS)
    got = client.tests.list(
        an_enum_value=["FIRST_VALUE", "SECOND_VALUE"],
        an_enum_value_with_null=["SECOND_VALUE"],
        an_enum_value_with_only_null=[None],
        int_enum_header=2,
        string_enum_header="three",
    )
    assert [type(m) for m in got] == [T.AModel, T.AModel]
    first, second = got
    assert first.an_enum_value == "FIRST_VALUE"
    assert first.an_allof_enum_with_overridden_default == "overridden_default"
    assert first.any_value == {"free": ["form", 1, None]}
    assert first.an_optional_allof_enum == "bar"
    assert first.nested_list_of_enums == [["DIFFERENT"], ["OTHER", "DIFFERENT"]]
    assert second.an_enum_value == "SECOND_VALUE"
    assert second.an_optional_allof_enum is None and second.nested_list_of_enums is None
    assert [m.to_dict() for m in got] == A_MODELS
    sent = server.requests[-1]
    assert sent.path == "/tests/"
    query = [(k, v) for k, v in sent.query]
    assert ("an_enum_value", "FIRST_VALUE") in query and (
        "an_enum_value",
        "SECOND_VALUE",
    ) in query
    assert ("an_enum_value_with_null", "SECOND_VALUE") in query
    assert sent.headers["int-enum-header"] == "2"
    assert sent.headers["string-enum-header"] == "three"
    # a required parameter is always sent, even when its only value is null: form style
    # writes a null as an empty value (`an_enum_value_with_only_null=`)
    assert ("an_enum_value_with_only_null", "") in query, query
