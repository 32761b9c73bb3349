"""A small HTTP/1.1 client on asyncio streams: one connection, kept alive when the server
allows (gunicorn's sync workers close after each response, so it reconnects), and a
cookie jar per simulated user. Standard library only, so the load generator costs little
of the CPU it shares with the servers."""

import asyncio
import contextlib
from dataclasses import dataclass, field
from urllib.parse import urlencode


class HttpError(Exception):
    """The server's answer could not be read (closed, malformed, too slow)."""


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        name = name.lower()
        return next((value for key, value in self.headers if key == name), "")

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class CookieJar:
    cookies: dict[str, str] = field(default_factory=dict)

    def update(self, response: Response) -> None:
        for key, value in response.headers:
            if key == "set-cookie":
                self.set(value)

    def set(self, header: str) -> None:
        pair, *attributes = header.split(";")
        name, _sep, value = pair.strip().partition("=")
        expired = any(a.strip().lower() in ("max-age=0", "max-age=-1") for a in attributes)
        if expired or value in ('""', ""):
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value

    def header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


class Connection:
    def __init__(self, host: str, port: int, timeout: float = 30.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, *, headers: dict | None = None,
                      form: dict | None = None, jar: CookieJar | None = None) -> Response:
        try:
            return await asyncio.wait_for(self._request(method, path, headers, form, jar),
                                          self.timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            await self.close()
            raise HttpError(f"{method} {path}: {type(error).__name__} {error}") from error

    async def _request(self, method, path, headers, form, jar) -> Response:
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 "Connection: keep-alive", "Accept-Language: en"]
        if form is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded",
                      f"Content-Length: {len(body)}"]
        if jar is not None and jar.cookies:
            lines.append(f"Cookie: {jar.header()}")
        lines += [f"{key}: {value}" for key, value in (headers or {}).items()]
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        fresh = self.writer is None
        if fresh:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            response = await self._exchange(payload)
        except (ConnectionError, asyncio.IncompleteReadError):
            if fresh:
                raise
            # A kept-alive connection the server had closed meanwhile: once more, anew.
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            response = await self._exchange(payload)
        if jar is not None:
            jar.update(response)
        if response.header("connection").lower() == "close":
            await self.close()
        return response

    async def _exchange(self, payload: bytes) -> Response:
        self.writer.write(payload)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = []
        for line in header_lines:
            if line:
                key, _sep, value = line.partition(":")
                headers.append((key.strip().lower(), value.strip()))
        response = Response(status, headers, b"")
        response.body = await self._body(response)
        return response

    async def _body(self, response: Response) -> bytes:
        if response.header("transfer-encoding").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    return b"".join(chunks)
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
        length = response.header("content-length")
        if length:
            return await self.reader.readexactly(int(length))
        if response.status in (204, 304) or 100 <= response.status < 200:
            return b""
        body = await self.reader.read()
        await self.close()
        return body
