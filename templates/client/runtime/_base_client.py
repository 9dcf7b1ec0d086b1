"""HTTP core of the client: auth, base URL, path encoding, retries, error mapping."""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar
from urllib.parse import quote

from ._auth import Credentials, Scheme, Security, Sent
from ._exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    make_status_error,
)
from ._pagination import AsyncCursorPage, AsyncPaginator, SyncCursorPage
from ._resource import AsyncAPIResource, SyncAPIResource
from ._response import defer_parse, record_response, streaming_requested
from ._streaming import AsyncStream, Stream
from ._types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    import httpx
else:
    from ._lazy import httpx

if TYPE_CHECKING:
    from ._models import BaseModel

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_RETRIES",
    "SyncAPIClient",
    "AsyncAPIClient",
    "parse_model",
    "parse_as",
    "parse_json",
    "parse_none",
    "parse_bytes",
    "parse_text",
]

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2

_T = TypeVar("_T")
_M = TypeVar("_M", bound="BaseModel")
_ItemT = TypeVar("_ItemT")
_PageT = TypeVar("_PageT")
_C = TypeVar("_C", bound="_BaseClient")
_SC = TypeVar("_SC", bound="SyncAPIClient")
_AC = TypeVar("_AC", bound="AsyncAPIClient")

_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS", "QUERY"})
_RETRY_STATUSES = frozenset({408, 409, 429})
_PATH_PARAM = re.compile(r"\{([^{}]+)\}")


# --- parsers -----------------------------------------------------------------


def parse_json(response: httpx.Response) -> Any:
    """The JSON body (``None`` for an empty body)."""
    return response.json() if response.content.strip() else None


def parse_model(model: type[_M]) -> Callable[[httpx.Response], _M]:
    """A parser building ``model`` from the JSON body."""

    def parse(response: httpx.Response) -> _M:
        return model.from_dict(parse_json(response))

    return parse


def parse_as(tp: Any) -> Callable[[httpx.Response], Any]:
    """A parser decoding the JSON body into ``tp`` (a union, list or map of models)."""

    def parse(response: httpx.Response) -> Any:
        from ._models import convert

        return convert(parse_json(response), tp)

    return parse


def parse_none(response: httpx.Response) -> None:
    return None


def parse_bytes(response: httpx.Response) -> bytes:
    return response.content


def parse_text(response: httpx.Response) -> str:
    return response.text


# --- request encoding --------------------------------------------------------


# Parameters are serialized as OpenAPI's ``style`` and ``explode`` say (the RFC 6570
# expansions, and the spec's own spaceDelimited, pipeDelimited and deepObject). A call
# passes a parameter's ``(style, explode)`` only when it is not its location's default:
# ``("simple", False)`` for path and header, ``("form", True)`` for query. Values are
# percent-encoded but for the style's own delimiters (``,`` ``=`` ``.`` ``;``; the
# brackets of deepObject are ``%5B`` ``%5D``); bools are ``true``/``false``; None,
# NOT_GIVEN and empty lists or objects are left out, but a null item of a query
# or form list is an empty value (``x=``: ``[None]`` still sends ``x``); a value
# nested in a list or an object is JSON text (deepObject nests its keys). Form bodies
# follow their media type's ``encoding`` as the call passes it, only the keys the spec
# writes:
# ``{"prop": {"contentType": ..., "style": ..., "explode": ...}}``.

_Style = tuple[str, bool]
_SIMPLE: _Style = ("simple", False)
_FORM: _Style = ("form", True)
_JSON = "application/json"
# the delimiter joining a list's (an object's) members when not exploded: as is, encoded
_DELIMITERS = {"spaceDelimited": (" ", "%20"), "pipeDelimited": ("|", "%7C")}


def _pct(text: str | bytes) -> str:
    return quote(text, safe="")


def _json_text(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _text(value: object) -> str | bytes:
    """A scalar as text (bools as ``true``/``false``); a list or an object as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, bytes)):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return _json_text(value)


def _item_text(value: object) -> str | bytes:
    """A list item of a query or form field: a null item is an empty value (``x=``),
    so a list of nulls still sends its parameter."""
    return "" if value is None else _text(value)


def _str(value: object) -> str:
    text = _text(value)
    return text.decode("latin-1") if isinstance(text, bytes) else text


def _members(value: Mapping[Any, object]) -> list[tuple[str, object]]:
    return [(str(k), v) for k, v in value.items() if v is not None]


class _Field(NamedTuple):
    """A query pair or form field: its value is ``pieces`` joined by the delimiter."""

    name: str
    pieces: tuple[str | bytes, ...]
    style: str = "form"
    content_type: str | None = None

    def text(self) -> str | bytes:
        if len(self.pieces) == 1:
            return self.pieces[0]
        sep = _DELIMITERS.get(self.style, (",", ","))[0]
        if any(isinstance(p, bytes) for p in self.pieces):
            raw = [p if isinstance(p, bytes) else p.encode() for p in self.pieces]
            return sep.encode().join(raw)
        return sep.join(str(p) for p in self.pieces)

    def encoded(self) -> str:
        sep = _DELIMITERS.get(self.style, (",", ","))[1]
        return _pct(self.name) + "=" + sep.join(_pct(p) for p in self.pieces)


def _styled(name: str, value: object, style: str, explode: bool) -> list[_Field]:
    """The fields of a query parameter (or a styled form property)."""
    value = _json_value(value)
    if isinstance(value, Mapping):
        members = _members(value)
        if style == "deepObject":
            return _deep(name, members)
        if explode:
            return [_Field(k, (_text(v),), style) for k, v in members]
        pieces = tuple(p for k, v in members for p in (k, _text(v)))
        return [_Field(name, pieces, style)] if pieces else []
    if isinstance(value, list):
        items = [_item_text(v) for v in value]
        if explode or style == "deepObject":
            return [_Field(name, (item,), style) for item in items]
        return [_Field(name, tuple(items), style)] if items else []
    return [] if value is None else [_Field(name, (_text(value),), style)]


def _deep(prefix: str, members: list[tuple[str, object]]) -> list[_Field]:
    """deepObject: ``prefix[key]=value``, nested objects as ``prefix[key][inner]``."""
    fields = []
    for key, value in members:
        name = f"{prefix}[{key}]"
        if isinstance(value, Mapping):
            fields += _deep(name, _members(value))
        elif isinstance(value, list):
            fields += [_Field(name, (_item_text(v),)) for v in value]
        else:
            fields.append(_Field(name, (_text(value),)))
    return fields


def _fields(
    params: Mapping[str, object] | None, styles: Mapping[str, _Style] | None
) -> list[_Field]:
    """Query (or cookie) parameters' fields, each as its style says, in order."""
    fields: list[_Field] = []
    for name, value in (params or {}).items():
        if value is not None and not isinstance(value, NotGiven):
            style, explode = (styles or {}).get(name, _FORM)
            fields += _styled(name, value, style, explode)
    return fields


def _encode_query(
    params: Mapping[str, object] | None, styles: Mapping[str, _Style] | None
) -> str:
    """The query string."""
    return "&".join(field.encoded() for field in _fields(params, styles))


def _encode_cookies(
    cookies: Mapping[str, object] | None, styles: Mapping[str, _Style] | None
) -> str:
    """The Cookie header: form style, each field a ``name=value`` pair of its own."""
    return "; ".join(field.encoded() for field in _fields(cookies, styles))


def _header_value(value: object, explode: bool) -> str | None:
    """simple style: ``1,2``; an object ``k1,v1,k2,v2`` (exploded: ``k1=v1,k2=v2``)."""
    value = _json_value(value)
    if isinstance(value, Mapping):
        sep = "=" if explode else ","
        return ",".join(f"{k}{sep}{_str(v)}" for k, v in _members(value)) or None
    if isinstance(value, list):
        return ",".join(_str(v) for v in value if v is not None) or None
    return None if value is None or isinstance(value, NotGiven) else _str(value)


def _path_value(name: str, value: object, style: str, explode: bool) -> str:
    """One path parameter: simple (``a,b``), label (``.a,b``) or matrix (``;n=a,b``)."""
    value = _json_value(value)
    pieces: list[str]
    if isinstance(value, Mapping):
        pairs = [(_pct(k), _pct(_text(v))) for k, v in _members(value)]
        pieces = [f"{k}={v}" if explode else f"{k},{v}" for k, v in pairs]
    elif isinstance(value, list):
        pieces = [_pct(_text(v)) for v in value if v is not None]
    else:
        text = "" if value is None or isinstance(value, NotGiven) else _text(value)
        pieces = [_pct(text)] if text else []
    if not pieces:
        raise ValueError(
            f"Expected a non-empty value for path parameter `{name}`, got {value!r}"
        )
    if style == "label":
        return "." + ("." if explode else ",").join(pieces)
    if style == "matrix":
        if explode and isinstance(value, Mapping):
            return "".join(";" + piece for piece in pieces)
        if explode:
            return "".join(f";{_pct(name)}={piece}" for piece in pieces)
        return f";{_pct(name)}=" + ",".join(pieces)
    joined = ",".join(pieces)
    return joined.replace(".", "%2E") if joined in (".", "..") else joined


def _encode_path(
    template: str,
    path_params: Mapping[str, object] | None,
    styles: Mapping[str, _Style] | None = None,
) -> str:
    """``template`` with each ``{name}`` replaced by its percent-encoded value."""
    values = path_params or {}

    def encode(match: re.Match[str]) -> str:
        name = match.group(1)
        style, explode = (styles or {}).get(name, _SIMPLE)
        return _path_value(name, values.get(name), style, explode)

    return "/" + _PATH_PARAM.sub(encode, template).lstrip("/")


def _concrete(content_type: object) -> str | None:
    """A contentType usable as a part's Content-Type (not a list, not a wildcard)."""
    if not isinstance(content_type, str) or "," in content_type or "*" in content_type:
        return None
    return content_type.strip() or None


def _is_json(content_type: str) -> bool:
    media = content_type.split(";")[0].strip().lower()
    return media == _JSON or media.endswith("+json")


def _form_fields(
    data: Mapping[str, object] | None,
    encoding: Mapping[str, Mapping[str, object]] | None,
) -> list[_Field]:
    """A form body's fields, in order. A property whose encoding writes ``style`` or
    ``explode`` is serialized like a query parameter (form, exploded, by default);
    otherwise by content type: an object (or anything with a JSON contentType) as JSON,
    a scalar as text, each item of a list as a field of its own."""
    fields: list[_Field] = []
    for name, value in (data or {}).items():
        if value is None or isinstance(value, NotGiven):
            continue
        enc = (encoding or {}).get(name) or {}
        style, explode = enc.get("style"), enc.get("explode")
        if style is not None or explode is not None:
            style = str(style or "form")
            explode = style == "form" if explode is None else bool(explode)
            fields += _styled(name, value, style, explode)
            continue
        content_type = _concrete(enc.get("contentType"))
        value = _json_value(value)
        for item in value if isinstance(value, list) else [value]:
            structured = isinstance(item, (Mapping, list))
            if item is None:
                continue
            if content_type is None and structured:
                fields.append(_Field(name, (_json_text(item),), content_type=_JSON))
            elif content_type is not None and _is_json(content_type):
                text = item if isinstance(item, bytes) else _json_text(item)
                fields.append(_Field(name, (text,), content_type=content_type))
            elif structured:
                raise TypeError(
                    f"`{name}` is sent as {content_type}: pass it as str or bytes"
                )
            else:
                fields.append(_Field(name, (_text(item),), content_type=content_type))
    return fields


def _file_part(value: Any, content_type: str | None) -> Any:
    """A file as httpx takes it: ``(filename, content, content type[, headers])``.

    A path (``os.PathLike``, or a str not inside a tuple) is read in chunks while the
    request is sent. The name comes from the tuple, else the path or the file object;
    the content type from the tuple, else the encoding's contentType, else a guess from
    the name (``application/octet-stream`` when there is none).
    """
    name: str | None = None
    given: str | None = None
    extra: tuple[Any, ...] = ()
    content = value
    if isinstance(value, tuple):
        name, content = value[0], value[1]
        given = value[2] if len(value) > 2 else None
        extra = tuple(value[3:])
    path: str | os.PathLike[str] | None = None
    if isinstance(content, os.PathLike) or (
        isinstance(content, str) and not isinstance(value, tuple)
    ):
        path = content
    if path is not None:
        content = _PathFile(path)
        name = name or os.path.basename(os.fspath(path))
    elif name is None and not isinstance(content, (bytes, str)):
        name = os.path.basename(str(getattr(content, "name", None) or "")) or None
    name = name or "upload"
    if given is None:
        import mimetypes

        given = content_type or mimetypes.guess_type(name)[0]
    return (name, content, given or "application/octet-stream", *extra)


class _PathFile:
    """The file at a path, opened only while a request reads it (closed at its end), so
    an upload from a path never sits in memory; seeking back (a retry) reads it again.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.name = os.fspath(path)
        self._size = os.path.getsize(self.name)  # a missing file fails the call now
        self._file: Any = None
        self._pos = 0

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._size}
        self._pos = base[whence] + offset
        if self._file is not None:
            self._file.seek(self._pos)
        return self._pos

    def read(self, size: int = -1) -> bytes:
        if self._file is None:
            self._file = open(self.name, "rb")
            self._file.seek(self._pos)
        chunk: bytes = self._file.read(size)
        self._pos += len(chunk)
        if not chunk or size < 0:
            self._file.close()
            self._file = None
        return chunk


def _multipart(
    data: Mapping[str, object] | None,
    files: Mapping[str, Any] | None,
    encoding: Mapping[str, Mapping[str, object]] | None,
) -> list[tuple[str, Any]]:
    """The parts of a multipart/form-data body: the data fields, then the files (a list
    of files is one part each)."""
    parts: list[tuple[str, Any]] = []
    for field in _form_fields(data, encoding):
        text = field.text()
        ctype = field.content_type
        parts.append(
            (field.name, (None, text) if ctype is None else (None, text, ctype))
        )
    for name, value in (files or {}).items():
        if value is None or isinstance(value, NotGiven):
            continue
        ctype = _concrete(((encoding or {}).get(name) or {}).get("contentType"))
        for item in value if isinstance(value, list) else [value]:
            parts.append((name, _file_part(item, ctype)))
    return parts


def _json_value(value: object) -> object:
    """JSON-ready ``value``: NOT_GIVEN members dropped, models turned into dicts."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, Mapping):
        return {
            k: _json_value(v) for k, v in value.items() if not isinstance(v, NotGiven)
        }
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    from ._models import BaseModel

    if isinstance(value, BaseModel):
        return value.to_dict()
    return value


def _with_extra_body(
    json: object,
    data: Mapping[str, object] | None,
    content: object,
    multipart: bool,
    extra: Mapping[str, object],
) -> tuple[object, Mapping[str, object] | None]:
    """(json, data) with a call's ``extra_body`` merged into the object or form sent."""
    if data is not None or multipart:
        return json, {**(data or {}), **extra}
    if isinstance(json, NotGiven) and isinstance(content, NotGiven):
        return dict(extra), data
    value = _json_value(json)
    if isinstance(value, Mapping):
        return {**value, **extra}, data
    raise TypeError("extra_body needs a request body that is a JSON object or a form")


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds asked by ``retry-after-ms`` / ``Retry-After`` (number or HTTP date)."""
    try:
        return float(headers["retry-after-ms"]) / 1000
    except (KeyError, ValueError):
        pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date is always GMT
        import datetime

        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, when.timestamp() - time.time())


# --- clients -----------------------------------------------------------------


class _BaseClient:
    """Configuration and the logic shared by the sync and async clients."""

    retry_backoff_base: float = 0.5
    """First retry delay in seconds; doubles with every retry."""
    retry_backoff_max: float = 8.0
    max_retry_after: float = 60.0
    """A ``Retry-After`` longer than this is ignored (exponential backoff instead)."""

    _http_client: httpx.Client | httpx.AsyncClient
    _owns_http_client: bool

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        retry_non_idempotent: bool,
        env_prefix: str,
        default_base_url: str,
        default_headers: Mapping[str, str] | None,
        username: str | None = None,
        password: str | None = None,
        security_schemes: Mapping[str, Scheme] | None = None,
        security: Security | None = None,
        environment: str | None = None,
        environments: Mapping[str, str] | None = None,
        keys: Mapping[str, str | None] | None = None,
    ) -> None:
        # No schemes given: an API key sent as a bearer token, required.
        if security_schemes is None:
            security_schemes = {"bearer": Scheme("bearer")}
            security = (("bearer",),) if security is None else security
        kinds = {scheme.kind for scheme in security_schemes.values()}
        if api_key is None and kinds - {"basic"}:
            api_key = os.environ.get(f"{env_prefix}API_KEY")
        if "basic" in kinds:
            if username is None:
                username = os.environ.get(f"{env_prefix}USERNAME")
            if password is None:
                password = os.environ.get(f"{env_prefix}PASSWORD")
        # a scheme's own key (Scheme.key): its argument, else {env_prefix}<KEY>
        own = {
            s.key: (keys or {}).get(s.key) for s in security_schemes.values() if s.key
        }
        for name, value in own.items():
            if value is None:
                own[name] = os.environ.get(f"{env_prefix}{name.upper()}")
        self.api_key = api_key or None
        self.username = username
        self.env_prefix = env_prefix
        self._credentials = Credentials(
            security_schemes,
            api_key=api_key,
            username=username,
            password=password,
            keys=own,
        )
        self._security: Security = security or ()
        self._sent = self._credentials_for(self._security, None)
        if environment is not None:
            if base_url is not None:
                raise ValueError("Pass `base_url` or `environment`, not both.")
            known = dict(environments or {})
            if environment not in known:
                raise ValueError(
                    f"Unknown environment {environment!r}; known: "
                    + ", ".join(repr(name) for name in known)
                )
            base_url = known[environment]
        if base_url is None:
            base_url = os.environ.get(f"{env_prefix}BASE_URL") or default_base_url
        self.base_url = httpx.URL(str(base_url))
        self.timeout: float | httpx.Timeout = (
            DEFAULT_TIMEOUT if timeout is None else timeout
        )
        self.max_retries = max_retries
        self.retry_non_idempotent = retry_non_idempotent
        self._default_headers = dict(default_headers or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={str(self.base_url)!r})"

    def _credentials_for(self, security: Security, operation: str | None) -> Sent:
        """The credentials a request sends; APIError naming what to pass if missing.

        ``operation`` is None for the client's own security, checked at construction.
        """
        alternative = self._credentials.choose(security)
        if alternative is None:
            needs = self._credentials.needs(security, self.env_prefix)
            if operation is None:
                raise APIError(f"Missing credentials: pass {needs} to the client.")
            raise APIError(
                f"{operation} needs credentials: pass {needs} to the client."
            )
        return self._credentials.sent(alternative)

    def with_options(
        self: _C,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_non_idempotent: bool | NotGiven = NOT_GIVEN,
        keys: Mapping[str, str | None] | NotGiven = NOT_GIVEN,
    ) -> _C:
        """A copy with other options, sharing the connection pool.

        ``default_headers`` are added to (and over) the client's own. ``keys``: new
        values of the schemes' own keys, by argument name (``api_key`` aside).
        """
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        for name, value in self.__dict__.items():
            if isinstance(getattr(type(self), name, None), functools.cached_property):
                del new.__dict__[name]  # recomputed for the copy on access
            elif isinstance(value, (SyncAPIResource, AsyncAPIResource)):
                resource: Any = type(value)
                new.__dict__[name] = resource(new)
        new._owns_http_client = False
        if not isinstance(api_key, NotGiven) or not isinstance(keys, NotGiven):
            if not isinstance(api_key, NotGiven):
                new.api_key = api_key or None
            unknown = set() if isinstance(keys, NotGiven) else set(keys)
            unknown -= set(self._credentials.keys)
            if unknown:
                raise TypeError(f"unknown keys: {', '.join(sorted(unknown))}")
            new._credentials = Credentials(
                self._credentials.schemes,
                api_key=new.api_key,
                username=self._credentials.username,
                password=self._credentials.password,
                keys={
                    **self._credentials.keys,
                    **({} if isinstance(keys, NotGiven) else keys),
                },
            )
            new._sent = new._credentials_for(new._security, None)
        if not isinstance(base_url, NotGiven):
            new.base_url = httpx.URL(str(base_url))
        if not isinstance(default_headers, NotGiven):
            new._default_headers = {**self._default_headers, **default_headers}
        if not isinstance(timeout, NotGiven):
            new.timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        if not isinstance(max_retries, NotGiven):
            new.max_retries = max_retries
        if not isinstance(retry_non_idempotent, NotGiven):
            new.retry_non_idempotent = retry_non_idempotent
        return new

    def _url_prefix(self) -> str:
        """The base URL without a trailing slash (computed once per base URL)."""
        cached = self.__dict__.get("_prefix")
        if cached is None or cached[0] is not self.base_url:
            cached = (self.base_url, str(self.base_url).rstrip("/"))
            self.__dict__["_prefix"] = cached
        return str(cached[1])

    def _build_request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None,
        params: Mapping[str, object] | None,
        json: object,
        data: Mapping[str, object] | None,
        files: Mapping[str, Any] | None,
        headers: Mapping[str, object] | None,
        stream: bool = False,
        path_styles: Mapping[str, _Style] | None = None,
        query_styles: Mapping[str, _Style] | None = None,
        header_styles: Mapping[str, _Style] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, _Style] | None = None,
        encoding: Mapping[str, Mapping[str, object]] | None = None,
        multipart: bool = False,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        security: Security | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        accept: str = "text/event-stream",
    ) -> httpx.Request:
        sent = self._sent
        if security is not None:
            sent = self._credentials_for(security, f"{method.upper()} {path}")
        if extra_query:
            params = {**(params or {}), **extra_query}
        if extra_body:
            json, data = _with_extra_body(json, data, content, multipart, extra_body)
        url = self._url_prefix() + _encode_path(path, path_params, path_styles)
        query = _encode_query(params, query_styles)
        if sent.query:
            pairs = [_pct(name) + "=" + _pct(value) for name, value in sent.query]
            query = "&".join(([query] if query else []) + pairs)
        if query:
            url += "?" + query
        all_headers: dict[str, str] | httpx.Headers = {
            **sent.headers,
            "Accept": accept if stream else "application/json",
        }
        if self._default_headers or headers:  # merged case-insensitively
            all_headers = httpx.Headers(all_headers)
            all_headers.update(self._default_headers)
            for name, value in (headers or {}).items():
                explode = (header_styles or {}).get(name, _SIMPLE)[1]
                text = _header_value(value, explode)
                if text is not None:
                    all_headers[name] = text
        if extra_headers:  # over every other header, the caller's last word
            all_headers = httpx.Headers(all_headers)
            all_headers.update(extra_headers)
        cookie = "; ".join(
            [_pct(name) + "=" + _pct(value) for name, value in sent.cookies]
            + (
                [encoded]
                if (encoded := _encode_cookies(cookies, cookie_styles))
                else []
            )
        )
        if cookie:  # after the Cookie header the caller set, if any
            given = all_headers.get("cookie")
            all_headers["Cookie"] = f"{given}; {cookie}" if given else cookie
        body: dict[str, Any] = {}
        if not isinstance(json, NotGiven):
            value = _json_value(json)
            if value is None:
                body["content"] = b"null"
                all_headers["Content-Type"] = "application/json"
            else:
                body["json"] = value
        if not isinstance(content, NotGiven):  # a body sent as is: bytes, text, a file
            body["content"] = content.encode() if isinstance(content, str) else content
            if "content-type" not in all_headers:
                all_headers["Content-Type"] = content_type or "application/octet-stream"
        if multipart or files is not None:
            body["files"] = _multipart(data, files, encoding)
        elif data is not None:
            fields = _form_fields(data, encoding)
            body["content"] = "&".join(f.encoded() for f in fields).encode("ascii")
            if "content-type" not in all_headers:
                all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        if isinstance(timeout, NotGiven):
            timeout = self.timeout
        return self._http_client.build_request(
            method, url, headers=all_headers, timeout=timeout, **body
        )

    def _retry_delay(
        self, method: str, attempt: int, response: httpx.Response | None
    ) -> float | None:
        """Seconds to wait before retrying, or None when not to retry."""
        if attempt >= self.max_retries:
            return None
        if not (self.retry_non_idempotent or method.upper() in _IDEMPOTENT):
            return None
        if response is not None:
            status = response.status_code
            if status < 500 and status not in _RETRY_STATUSES:
                return None
            after = _retry_after(response.headers)
            if after is not None and 0 <= after <= self.max_retry_after:
                return after
        import random

        delay = min(self.retry_backoff_base * 2.0**attempt, self.retry_backoff_max)
        return delay * (1 - 0.25 * random.random())


def _transport_error(exc: httpx.TransportError, request: httpx.Request) -> APIError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request=request)
    return APIConnectionError(request=request)


class SyncAPIClient(_BaseClient):
    """Synchronous client core over ``httpx.Client``."""

    _http_client: httpx.Client

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        retry_non_idempotent: bool,
        env_prefix: str,
        default_base_url: str,
        username: str | None = None,
        password: str | None = None,
        security_schemes: Mapping[str, Scheme] | None = None,
        security: Security | None = None,
        environment: str | None = None,
        environments: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
        keys: Mapping[str, str | None] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry_non_idempotent=retry_non_idempotent,
            env_prefix=env_prefix,
            default_base_url=default_base_url,
            default_headers=default_headers,
            username=username,
            password=password,
            security_schemes=security_schemes,
            security=security,
            environment=environment,
            environments=environments,
            keys=keys,
        )
        self._owns_http_client = http_client is None
        self._http_client = http_client or httpx.Client(
            timeout=self.timeout, follow_redirects=True
        )

    def close(self) -> None:
        """Closes the HTTP client if this client created it."""
        if self._owns_http_client:
            self._http_client.close()

    def __enter__(self: _SC) -> _SC:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = self._http_client.send(request, stream=stream)
            except httpx.TransportError as exc:
                delay = self._retry_delay(request.method, attempt, None)
                if delay is None:
                    raise _transport_error(exc, request) from exc
            else:
                if response.status_code < 400:
                    record_response(response)
                    return response
                delay = self._retry_delay(request.method, attempt, response)
                if delay is None:
                    response.read()
                    raise make_status_error(response)
                response.close()
            time.sleep(delay)
            attempt += 1

    def request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        params: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        data: Mapping[str, object] | None = None,
        files: Mapping[str, Any] | None = None,
        headers: Mapping[str, object] | None = None,
        path_styles: Mapping[str, _Style] | None = None,
        query_styles: Mapping[str, _Style] | None = None,
        header_styles: Mapping[str, _Style] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, _Style] | None = None,
        encoding: Mapping[str, Mapping[str, object]] | None = None,
        multipart: bool = False,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        security: Security | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        parse: Callable[[httpx.Response], _T],
    ) -> _T:
        """Sends a request (with retries) and parses the successful response."""
        request = self._build_request(
            method,
            path,
            path_params=path_params,
            params=params,
            json=json,
            data=data,
            files=files,
            headers=headers,
            path_styles=path_styles,
            query_styles=query_styles,
            header_styles=header_styles,
            cookies=cookies,
            cookie_styles=cookie_styles,
            encoding=encoding,
            multipart=multipart,
            content=content,
            content_type=content_type,
            security=security,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        stream = streaming_requested()
        response = self._send(request, stream=stream)
        return defer_parse(parse) if stream else parse(response)

    def request_page(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        params: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        data: Mapping[str, object] | None = None,
        files: Mapping[str, Any] | None = None,
        headers: Mapping[str, object] | None = None,
        path_styles: Mapping[str, _Style] | None = None,
        query_styles: Mapping[str, _Style] | None = None,
        header_styles: Mapping[str, _Style] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, _Style] | None = None,
        encoding: Mapping[str, Mapping[str, object]] | None = None,
        multipart: bool = False,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        security: Security | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        parse: Callable[[httpx.Response], _PageT],
        cursor_param: str,
        items: Callable[[_PageT], Sequence[_ItemT] | None],
        has_more: Callable[[_PageT], bool | None],
        cursor: Callable[[_ItemT], object],
        cursor_from: str = "last",
    ) -> SyncCursorPage[_ItemT, _PageT]:
        """The first page of a cursor-paginated listing."""

        def fetch(cursor_value: object = NOT_GIVEN) -> _PageT:
            query = dict(params or {})
            if not isinstance(cursor_value, NotGiven):
                query[cursor_param] = cursor_value
            return self.request(
                method,
                path,
                path_params=path_params,
                params=query or None,  # an empty mapping still costs httpx a merge
                json=json,
                data=data,
                files=files,
                headers=headers,
                path_styles=path_styles,
                query_styles=query_styles,
                header_styles=header_styles,
                cookies=cookies,
                cookie_styles=cookie_styles,
                encoding=encoding,
                multipart=multipart,
                content=content,
                content_type=content_type,
                security=security,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                parse=parse,
            )

        return SyncCursorPage(
            page=fetch(),
            fetch=fetch,
            items=items,
            has_more=has_more,
            cursor=cursor,
            cursor_from=cursor_from,
        )

    def request_stream(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        params: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        data: Mapping[str, object] | None = None,
        files: Mapping[str, Any] | None = None,
        headers: Mapping[str, object] | None = None,
        path_styles: Mapping[str, _Style] | None = None,
        query_styles: Mapping[str, _Style] | None = None,
        header_styles: Mapping[str, _Style] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, _Style] | None = None,
        encoding: Mapping[str, Mapping[str, object]] | None = None,
        multipart: bool = False,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        security: Security | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        parse_event: Callable[[Any], _T],
        accept: str = "text/event-stream",
    ) -> Stream[_T]:
        """Sends the request now and iterates the events of the response later
        (``accept``: the stream's media type, server-sent events or JSON Lines)."""
        request = self._build_request(
            method,
            path,
            path_params=path_params,
            params=params,
            json=json,
            data=data,
            files=files,
            headers=headers,
            path_styles=path_styles,
            query_styles=query_styles,
            header_styles=header_styles,
            cookies=cookies,
            cookie_styles=cookie_styles,
            encoding=encoding,
            multipart=multipart,
            content=content,
            content_type=content_type,
            security=security,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            stream=True,
            accept=accept,
        )
        return Stream(self._send(request, stream=True), parse_event)


class AsyncAPIClient(_BaseClient):
    """Asynchronous client core over ``httpx.AsyncClient``."""

    _http_client: httpx.AsyncClient

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        retry_non_idempotent: bool,
        env_prefix: str,
        default_base_url: str,
        username: str | None = None,
        password: str | None = None,
        security_schemes: Mapping[str, Scheme] | None = None,
        security: Security | None = None,
        environment: str | None = None,
        environments: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        keys: Mapping[str, str | None] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry_non_idempotent=retry_non_idempotent,
            env_prefix=env_prefix,
            default_base_url=default_base_url,
            default_headers=default_headers,
            username=username,
            password=password,
            security_schemes=security_schemes,
            security=security,
            environment=environment,
            environments=environments,
            keys=keys,
        )
        self._owns_http_client = http_client is None
        self._http_client = http_client or httpx.AsyncClient(
            timeout=self.timeout, follow_redirects=True
        )

    async def aclose(self) -> None:
        """Closes the HTTP client if this client created it."""
        if self._owns_http_client:
            await self._http_client.aclose()

    async def __aenter__(self: _AC) -> _AC:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _send(
        self, request: httpx.Request, *, stream: bool = False
    ) -> httpx.Response:
        import asyncio

        attempt = 0
        while True:
            try:
                response = await self._http_client.send(request, stream=stream)
            except httpx.TransportError as exc:
                delay = self._retry_delay(request.method, attempt, None)
                if delay is None:
                    raise _transport_error(exc, request) from exc
            else:
                if response.status_code < 400:
                    record_response(response)
                    return response
                delay = self._retry_delay(request.method, attempt, response)
                if delay is None:
                    await response.aread()
                    raise make_status_error(response)
                await response.aclose()
            await asyncio.sleep(delay)
            attempt += 1

    async def request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        params: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        data: Mapping[str, object] | None = None,
        files: Mapping[str, Any] | None = None,
        headers: Mapping[str, object] | None = None,
        path_styles: Mapping[str, _Style] | None = None,
        query_styles: Mapping[str, _Style] | None = None,
        header_styles: Mapping[str, _Style] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, _Style] | None = None,
        encoding: Mapping[str, Mapping[str, object]] | None = None,
        multipart: bool = False,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        security: Security | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        parse: Callable[[httpx.Response], _T],
    ) -> _T:
        """Sends a request (with retries) and parses the successful response."""
        request = self._build_request(
            method,
            path,
            path_params=path_params,
            params=params,
            json=json,
            data=data,
            files=files,
            headers=headers,
            path_styles=path_styles,
            query_styles=query_styles,
            header_styles=header_styles,
            cookies=cookies,
            cookie_styles=cookie_styles,
            encoding=encoding,
            multipart=multipart,
            content=content,
            content_type=content_type,
            security=security,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        stream = streaming_requested()
        response = await self._send(request, stream=stream)
        return defer_parse(parse) if stream else parse(response)

    def request_page(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        params: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        data: Mapping[str, object] | None = None,
        files: Mapping[str, Any] | None = None,
        headers: Mapping[str, object] | None = None,
        path_styles: Mapping[str, _Style] | None = None,
        query_styles: Mapping[str, _Style] | None = None,
        header_styles: Mapping[str, _Style] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, _Style] | None = None,
        encoding: Mapping[str, Mapping[str, object]] | None = None,
        multipart: bool = False,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        security: Security | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        parse: Callable[[httpx.Response], _PageT],
        cursor_param: str,
        items: Callable[[_PageT], Sequence[_ItemT] | None],
        has_more: Callable[[_PageT], bool | None],
        cursor: Callable[[_ItemT], object],
        cursor_from: str = "last",
    ) -> AsyncPaginator[_ItemT, _PageT]:
        """The listing: ``await`` it for the first page, or ``async for`` its items."""

        async def fetch(cursor_value: object = NOT_GIVEN) -> _PageT:
            query = dict(params or {})
            if not isinstance(cursor_value, NotGiven):
                query[cursor_param] = cursor_value
            return await self.request(
                method,
                path,
                path_params=path_params,
                params=query or None,  # an empty mapping still costs httpx a merge
                json=json,
                data=data,
                files=files,
                headers=headers,
                path_styles=path_styles,
                query_styles=query_styles,
                header_styles=header_styles,
                cookies=cookies,
                cookie_styles=cookie_styles,
                encoding=encoding,
                multipart=multipart,
                content=content,
                content_type=content_type,
                security=security,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                parse=parse,
            )

        async def first() -> AsyncCursorPage[_ItemT, _PageT]:
            return AsyncCursorPage(
                page=await fetch(),
                fetch=fetch,
                items=items,
                has_more=has_more,
                cursor=cursor,
                cursor_from=cursor_from,
            )

        return AsyncPaginator(first)

    async def request_stream(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        params: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        data: Mapping[str, object] | None = None,
        files: Mapping[str, Any] | None = None,
        headers: Mapping[str, object] | None = None,
        path_styles: Mapping[str, _Style] | None = None,
        query_styles: Mapping[str, _Style] | None = None,
        header_styles: Mapping[str, _Style] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, _Style] | None = None,
        encoding: Mapping[str, Mapping[str, object]] | None = None,
        multipart: bool = False,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        security: Security | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        parse_event: Callable[[Any], _T],
        accept: str = "text/event-stream",
    ) -> AsyncStream[_T]:
        """Sends the request now; iterate the result with ``async for`` (``accept``:
        the stream's media type, server-sent events or JSON Lines)."""
        request = self._build_request(
            method,
            path,
            path_params=path_params,
            params=params,
            json=json,
            data=data,
            files=files,
            headers=headers,
            path_styles=path_styles,
            query_styles=query_styles,
            header_styles=header_styles,
            cookies=cookies,
            cookie_styles=cookie_styles,
            encoding=encoding,
            multipart=multipart,
            content=content,
            content_type=content_type,
            security=security,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            stream=True,
            accept=accept,
        )
        return AsyncStream(await self._send(request, stream=True), parse_event)
