"""Reading a ``multipart/form-data`` request body (RFC 7578) with the standard library's
e-mail parser: each part's name, file name, content type and bytes."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content_type: str | None  # as sent, None when the part has no Content-Type
    data: bytes


def parse_multipart(content_type: str, body: bytes) -> list[Part] | None:
    """The parts in order, or None when the body is not multipart/form-data."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if (
        not message.is_multipart()
        or message.get_content_type() != "multipart/form-data"
    ):
        return None
    parts = []
    for raw in message.iter_parts():
        assert isinstance(raw, Message)
        if raw.get_content_disposition() != "form-data":
            return None
        name = raw.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            return None
        payload = raw.get_payload(decode=True)
        parts.append(
            Part(
                name=name,
                filename=raw.get_filename(),
                content_type=raw["content-type"],
                data=payload if isinstance(payload, bytes) else b"",
            )
        )
    return parts
