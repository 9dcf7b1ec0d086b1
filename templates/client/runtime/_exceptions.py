"""Error hierarchy of the client and the mapping of HTTP error statuses to it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx
else:
    from ._lazy import httpx


__all__ = [
    "APIError",
    "APIConnectionError",
    "APITimeoutError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "make_status_error",
]


class APIError(Exception):
    """Base class of every error raised by the client."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIConnectionError(APIError):
    """The server could not be reached (DNS, refused connection, broken pipe...)."""

    request: httpx.Request | None

    def __init__(
        self,
        message: str = "Connection error.",
        *,
        request: httpx.Request | None = None,
    ) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out."""

    def __init__(
        self,
        message: str = "Request timed out.",
        *,
        request: httpx.Request | None = None,
    ) -> None:
        super().__init__(message, request=request)


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status."""

    status_code: int
    code: str | None
    body: Any
    response: httpx.Response

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, code: str | None
    ) -> None:
        super().__init__(message)
        self.status_code = response.status_code
        self.code = code
        self.body = body
        self.response = response

    def __str__(self) -> str:
        code = f" {self.code}" if self.code else ""
        return f"Error code: {self.status_code}{code} - {self.message}"


class BadRequestError(APIStatusError):
    """400"""


class AuthenticationError(APIStatusError):
    """401"""


class PermissionDeniedError(APIStatusError):
    """403"""


class NotFoundError(APIStatusError):
    """404"""


class ConflictError(APIStatusError):
    """409"""


class UnprocessableEntityError(APIStatusError):
    """422"""


class RateLimitError(APIStatusError):
    """429"""


class InternalServerError(APIStatusError):
    """500 and above"""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def make_status_error(response: httpx.Response) -> APIStatusError:
    """The error for an error ``response`` whose body has been read.

    ``body`` is the parsed JSON, or the raw text when the body is not JSON;
    ``code`` and ``message`` come from the keys of those names, when it has them.
    """
    try:
        text = response.text
    except httpx.ResponseNotRead:
        text = ""
    body: Any = text
    if text.strip():
        try:
            body = response.json()
        except ValueError:
            body = text
    code: str | None = None
    message = ""
    if isinstance(body, dict):
        raw_code, raw_message = body.get("code"), body.get("message")
        code = str(raw_code) if raw_code not in (None, "") else None
        message = str(raw_message) if raw_message not in (None, "") else ""
    if not message:
        message = response.reason_phrase or "HTTP error"
    status = response.status_code
    cls = InternalServerError if status >= 500 else _BY_STATUS.get(status)
    return (cls or APIStatusError)(message, response=response, body=body, code=code)
