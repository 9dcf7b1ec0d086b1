"""Request encoding: parameters by OpenAPI ``style``/``explode``, form and multipart bodies.

Expected strings are OpenAPI 3.1's style table (``color`` = ``["blue", "black"]`` or
``{"R": 100, "G": 200}``). Encoders are checked on their own, through the request the client
builds (exact URL, headers and body bytes), and on the wire against the loopback server.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import inspect
from typing import Any

import pytest

from .conftest import LocalServer, Runtime

ARRAY = ["blue", "black"]
OBJECT = {"R": 100, "G": 200}


def query(rt: Runtime, params: dict[str, object], styles: Any = None) -> str:
    return str(rt.base._encode_query(params, styles))


# --- query -------------------------------------------------------------------------

QUERY_CASES = [
    # (value, (style, explode) or None for the default, expected query string)
    ("blue", None, "color=blue"),
    (ARRAY, None, "color=blue&color=black"),
    (ARRAY, ("form", False), "color=blue,black"),
    (OBJECT, None, "R=100&G=200"),
    (OBJECT, ("form", False), "color=R,100,G,200"),
    (ARRAY, ("spaceDelimited", False), "color=blue%20black"),
    (OBJECT, ("spaceDelimited", False), "color=R%20100%20G%20200"),
    (ARRAY, ("pipeDelimited", False), "color=blue%7Cblack"),
    (OBJECT, ("pipeDelimited", False), "color=R%7C100%7CG%7C200"),
    (ARRAY, ("spaceDelimited", True), "color=blue&color=black"),
    (OBJECT, ("deepObject", True), "color%5BR%5D=100&color%5BG%5D=200"),
    (
        {"a": {"b": 1}, "c": [1, 2]},
        ("deepObject", True),
        "color%5Ba%5D%5Bb%5D=1&color%5Bc%5D=1&color%5Bc%5D=2",
    ),
    # reserved characters in values are percent-encoded, the style's delimiters are not
    (["a,b", "c d", "é"], ("form", False), "color=a%2Cb,c%20d,%C3%A9"),
    (["a&b=c", "#"], None, "color=a%26b%3Dc&color=%23"),
    # bools as true/false everywhere; a null list item is an empty value (a list of
    # nulls still sends the parameter), null object members are dropped; nested values
    # as JSON text
    (True, None, "color=true"),
    ([True, None, False], ("form", False), "color=true,,false"),
    ([None], None, "color="),
    ({"on": True, "off": None}, ("form", False), "color=on,true"),
    ([{"a": 1}], None, "color=%7B%22a%22%3A1%7D"),
    ({"k": [1, 2]}, None, "k=%5B1%2C2%5D"),
    # empty lists and objects are left out, as RFC 6570 leaves out undefined values
    ([], None, ""),
    ([], ("form", False), ""),
    ({}, ("deepObject", True), ""),
    (1.5, None, "color=1.5"),
]


@pytest.mark.parametrize("value, style, expected", QUERY_CASES)
def test_query_styles(rt: Runtime, value: Any, style: Any, expected: str) -> None:
    styles = {"color": style} if style else None
    assert query(rt, {"color": value}, styles) == expected


def test_query_leaves_out_not_given_and_none_and_keeps_order(rt: Runtime) -> None:
    params = {"b": 2, "skip": rt.types.NOT_GIVEN, "none": None, "a": [1, 2], "c": "x"}
    assert query(rt, params) == "b=2&a=1&a=2&c=x"
    assert query(rt, {}) == "" and query(rt, {"n": None}) == ""


def test_query_takes_models_as_objects(rt: Runtime) -> None:
    author = rt.model_types.Author(name="Ann", role="admin")
    styles = {"who": ("deepObject", True)}
    assert query(rt, {"who": author}, styles) == "who%5Bname%5D=Ann&who%5Brole%5D=admin"
    assert query(rt, {"who": author}) == "name=Ann&role=admin"


# --- headers and path --------------------------------------------------------------


@pytest.mark.parametrize(
    "value, explode, expected",
    [
        (["1", "2"], False, "1,2"),
        ([1, 2], False, "1,2"),
        (OBJECT, False, "R,100,G,200"),
        (OBJECT, True, "R=100,G=200"),
        (True, False, "true"),
        ([True, None, False], False, "true,false"),
        ("a b,c", False, "a b,c"),  # header values are not percent-encoded
        ([], False, None),
        ({}, True, None),
        (None, False, None),
    ],
)
def test_header_simple_style(
    rt: Runtime, value: Any, explode: bool, expected: str | None
) -> None:
    assert rt.base._header_value(value, explode) == expected


PATH_CASES = [
    ("blue", "simple", False, "blue"),
    (ARRAY, "simple", False, "blue,black"),
    (ARRAY, "simple", True, "blue,black"),
    (OBJECT, "simple", False, "R,100,G,200"),
    (OBJECT, "simple", True, "R=100,G=200"),
    ("blue", "label", False, ".blue"),
    (ARRAY, "label", False, ".blue,black"),
    (ARRAY, "label", True, ".blue.black"),
    (OBJECT, "label", False, ".R,100,G,200"),
    (OBJECT, "label", True, ".R=100.G=200"),
    ("blue", "matrix", False, ";color=blue"),
    (ARRAY, "matrix", False, ";color=blue,black"),
    (ARRAY, "matrix", True, ";color=blue;color=black"),
    (OBJECT, "matrix", False, ";color=R,100,G,200"),
    (OBJECT, "matrix", True, ";R=100;G=200"),
    (["a/b", "c,d", "?"], "simple", False, "a%2Fb,c%2Cd,%3F"),
    (True, "simple", False, "true"),
    (["."], "simple", False, "%2E"),
    ("..", "simple", False, "%2E%2E"),
]


@pytest.mark.parametrize("value, style, explode, expected", PATH_CASES)
def test_path_styles(
    rt: Runtime, value: Any, style: str, explode: bool, expected: str
) -> None:
    styles = {"color": (style, explode)}
    path = rt.base._encode_path("/c/{color}/x", {"color": value}, styles)
    assert path == f"/c/{expected}/x"


@pytest.mark.parametrize("empty", ["", None, [], {}, [None]])
def test_empty_path_values_raise(rt: Runtime, empty: Any) -> None:
    with pytest.raises(ValueError, match="`color`"):
        rt.base._encode_path("/c/{color}", {"color": empty})


# --- the request the client builds -------------------------------------------------


def client(rt: Runtime) -> Any:
    return rt.base.SyncAPIClient(
        api_key="k",
        base_url="http://127.0.0.1:9/v1",
        timeout=5.0,
        max_retries=0,
        retry_non_idempotent=False,
        env_prefix="RTENC_",
        default_base_url="http://127.0.0.1:9",
    )


def build(rt: Runtime, **kwargs: Any) -> Any:
    kwargs.setdefault("path_params", None)
    kwargs.setdefault("params", None)
    kwargs.setdefault("json", rt.types.NOT_GIVEN)
    kwargs.setdefault("data", None)
    kwargs.setdefault("files", None)
    kwargs.setdefault("headers", None)
    c = client(rt)
    try:
        request = c._build_request(kwargs.pop("method", "POST"), "/x", **kwargs)
        request.read()
        return request
    finally:
        c.close()


def parts(request: Any) -> list[tuple[dict[str, str], bytes]]:
    """The parts of a multipart body: (their headers, lower-cased; their content)."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    raw = f"Content-Type: {content_type}\r\n\r\n".encode() + request.content
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    out = []
    for part in message.iter_parts():
        headers = {k.lower(): str(v) for k, v in part.items()}
        payload = part.get_payload(decode=True)
        out.append((headers, payload if isinstance(payload, bytes) else b""))
    return out


def disposition(name: str, filename: str | None = None) -> str:
    text = f'form-data; name="{name}"'
    return text if filename is None else f'{text}; filename="{filename}"'


def test_built_request_url_and_headers(rt: Runtime) -> None:
    request = build(
        rt,
        method="GET",
        params={"ids": [1, 2], "f": {"a": "x y"}, "flag": False},
        query_styles={"ids": ("form", False), "f": ("deepObject", True)},
        headers={
            "X-Ids": [1, 2],
            "X-Meta": {"k": "v", "n": 1},
            "X-Skip": rt.types.NOT_GIVEN,
            "X-None": None,
            "X-Empty": [],
        },
        header_styles={"X-Meta": ("simple", True)},
    )
    assert request.url.raw_path == b"/v1/x?ids=1,2&f%5Ba%5D=x%20y&flag=false"
    assert request.headers["x-ids"] == "1,2"
    assert request.headers["x-meta"] == "k=v,n=1"
    for absent in ("x-skip", "x-none", "x-empty"):
        assert absent not in request.headers


def test_multipart_parts(rt: Runtime) -> None:
    request = build(
        rt,
        data={
            "note": "hi",
            "count": 3,
            "on": True,
            "meta": {"name": "n", "size": 3, "skip": rt.types.NOT_GIVEN},
            "tags": ["a", "b"],
            "csv": ["x", "y"],
            "items": [{"k": 1}, {"k": 2}],
            "md": "# title",
            "raw": "abc",
            "deep": {"a": 1},
            "none": None,
            "skip": rt.types.NOT_GIVEN,
        },
        files={
            "file": b"PNG",
            "typed": ("t.txt", b"T", "text/plain"),
            "images": [("a.gif", b"G1"), b"G2"],
            "absent": rt.types.NOT_GIVEN,
        },
        encoding={
            "csv": {"style": "form", "explode": False},
            "md": {"contentType": "text/markdown"},
            "raw": {"contentType": "application/json"},
            "deep": {"style": "deepObject", "explode": True},
            "file": {"contentType": "image/png"},
            "typed": {"contentType": "image/png"},
        },
    )
    got = [
        (h.get("content-disposition"), h.get("content-type"), c)
        for h, c in parts(request)
    ]
    assert got == [
        (disposition("note"), None, b"hi"),
        (disposition("count"), None, b"3"),
        (disposition("on"), None, b"true"),
        (disposition("meta"), "application/json", b'{"name":"n","size":3}'),
        (disposition("tags"), None, b"a"),
        (disposition("tags"), None, b"b"),
        (disposition("csv"), None, b"x,y"),
        (disposition("items"), "application/json", b'{"k":1}'),
        (disposition("items"), "application/json", b'{"k":2}'),
        (disposition("md"), "text/markdown", b"# title"),
        (disposition("raw"), "application/json", b'"abc"'),
        (disposition("deep[a]"), None, b"1"),
        (disposition("file", "upload"), "image/png", b"PNG"),
        (disposition("typed", "t.txt"), "text/plain", b"T"),  # its own type wins
        (disposition("images", "a.gif"), "image/gif", b"G1"),
        (disposition("images", "upload"), "application/octet-stream", b"G2"),
    ]


def test_multipart_without_files_is_still_multipart(rt: Runtime) -> None:
    for kwargs in ({"multipart": True}, {"files": {}}):
        request = build(rt, data={"user": "u"}, **kwargs)
        assert [(h["content-disposition"], c) for h, c in parts(request)] == [
            (disposition("user"), b"u")
        ]


def test_multipart_structured_value_with_a_text_content_type_raises(
    rt: Runtime,
) -> None:
    with pytest.raises(TypeError, match="`meta`.*text/plain"):
        build(
            rt,
            data={"meta": {"a": 1}},
            multipart=True,
            encoding={"meta": {"contentType": "text/plain"}},
        )


def test_form_urlencoded_body(rt: Runtime) -> None:
    request = build(
        rt,
        data={
            "name": "a b&c",
            "tags": ["x", "y"],
            "meta": {"a": 1},
            "deep": {"a": 2, "b": {"c": True}},
            "csv": [1, 2],
            "pipes": [1, 2],
            "obj": {"k": "v"},
            "none": None,
            "skip": rt.types.NOT_GIVEN,
        },
        encoding={
            "deep": {"style": "deepObject", "explode": True},
            "csv": {"explode": False},
            "pipes": {"style": "pipeDelimited"},
            "obj": {"style": "form"},
        },
    )
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.content == (
        b"name=a%20b%26c&tags=x&tags=y&meta=%7B%22a%22%3A1%7D"
        b"&deep%5Ba%5D=2&deep%5Bb%5D%5Bc%5D=true&csv=1,2&pipes=1%7C2&k=v"
    )
    empty = build(rt, data={"skip": rt.types.NOT_GIVEN})
    assert empty.content == b""
    assert empty.headers["content-type"] == "application/x-www-form-urlencoded"


# --- on the wire, sync and async ---------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_encodings_on_the_wire(rt: Runtime, server: LocalServer, kind: str) -> None:
    cls = rt.base.SyncAPIClient if kind == "sync" else rt.base.AsyncAPIClient

    async def aw(value: Any) -> Any:
        return await value if inspect.isawaitable(value) else value

    async def main() -> None:
        c = cls(
            api_key="k",
            base_url=server.url + "/v1",
            timeout=5.0,
            max_retries=0,
            retry_non_idempotent=False,
            env_prefix="RTENC_",
            default_base_url="http://127.0.0.1:9",
        )
        try:
            echo = await aw(
                c.request(
                    "GET",
                    "/echo/{ids}",
                    path_params={"ids": [1, 2]},
                    path_styles={"ids": ("matrix", True)},
                    params={"c": ARRAY, "p": ARRAY, "d": OBJECT},
                    query_styles={
                        "p": ("pipeDelimited", False),
                        "d": ("deepObject", True),
                    },
                    headers={"X-Tags": ["a", "b"]},
                    parse=rt.base.parse_json,
                )
            )
            assert echo["raw_path"] == (
                "/v1/echo/;ids=1;ids=2?c=blue&c=black&p=blue%7Cblack"
                "&d%5BR%5D=100&d%5BG%5D=200"
            )
            assert echo["headers"]["x-tags"] == "a,b"
            echo = await aw(
                c.request(
                    "POST",
                    "/echo/form",
                    data={"meta": {"a": 1}, "n": 2},
                    multipart=True,
                    parse=rt.base.parse_json,
                )
            )
            assert echo["headers"]["content-type"].startswith("multipart/form-data")
            assert (
                'name="meta"\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n'
                in (echo["body"])
            )
        finally:
            await aw(c.aclose() if hasattr(c, "aclose") else c.close())

    asyncio.run(main())


def test_bodies_sent_as_they_are(rt: Runtime) -> None:
    import io

    cases = [
        (
            {"content": b"\x00\x01", "content_type": "image/png"},
            b"\x00\x01",
            "image/png",
        ),
        (
            {"content": "h\u00e9", "content_type": "text/plain"},
            "h\u00e9".encode(),
            "text/plain",
        ),
        ({"content": io.BytesIO(b"io")}, b"io", "application/octet-stream"),
    ]
    for kwargs, body, content_type in cases:
        request = build(rt, **kwargs)
        assert (request.content, request.headers["content-type"]) == (
            body,
            content_type,
        )
    request = build(rt, content=rt.types.NOT_GIVEN, content_type="image/png")
    assert request.content == b"" and "content-type" not in request.headers


def test_cookies(rt: Runtime) -> None:
    request = build(
        rt,
        method="GET",
        cookies={"id": 42, "ids": [1, 2], "csv": [3, 4], "v": "a b;c", "skip": None},
        cookie_styles={"csv": ("form", False)},
    )
    assert request.headers["cookie"] == "id=42; ids=1; ids=2; csv=3,4; v=a%20b%3Bc"
    assert "cookie" not in build(rt, method="GET", cookies={"n": None}).headers
    c = rt.base.SyncAPIClient(
        api_key="k",
        base_url="http://127.0.0.1:9/v1",
        timeout=5.0,
        max_retries=0,
        retry_non_idempotent=False,
        env_prefix="RTENC_",
        default_base_url="http://127.0.0.1:9",
        default_headers={"Cookie": "session=s"},
    )
    with c:
        request = c._build_request(
            "GET",
            "/x",
            path_params=None,
            params=None,
            json=rt.types.NOT_GIVEN,
            data=None,
            files=None,
            headers=None,
            cookies={"id": 1},
        )
    assert request.headers["cookie"] == "session=s; id=1"
