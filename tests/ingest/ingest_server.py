"""A web server on 127.0.0.1 for the fetch tests: it serves the responses a test writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering


Route = Response | list[Response] | Callable[[str], Response]


@dataclass
class Server:
    """Serves the responses a test writes, by path; records every request's path and query."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [request.split("?", 1)[0] for request in self.requests]
