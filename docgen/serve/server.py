"""The local web server of `docgen serve`.

Python's own ThreadingHTTPServer (no dependency; one thread per request,
which the events stream needs), bound to 127.0.0.1 only.  It answers only
requests addressed to its own host name and port (127.0.0.1:PORT or
localhost:PORT), so a web page elsewhere cannot reach it through a DNS name
that points here (DNS rebinding), and only GET.  It serves the page, the
state as JSON, a server-sent events stream that says when the state
changed, and the preview pictures, all from memory: no path from a
request ever reaches the file system.
"""
from __future__ import annotations

import errno
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from urllib.parse import parse_qs, urlsplit

from .hub import Hub

HOST = "127.0.0.1"
USUAL_PORT = 8765
KEEPALIVE_SECONDS = 15
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               "img-src 'self'; connect-src 'self'; frame-ancestors 'none'",
}


def page_html() -> bytes:
    return files(__package__).joinpath("page.html").read_bytes()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, hub: Hub, port: int):
        self.hub = hub
        self.page = page_html()
        super().__init__((HOST, port), Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def allowed_hosts(self) -> set[str]:
        return {f"{HOST}:{self.port}", f"localhost:{self.port}"}


def start(hub: Hub, port: int | None) -> Server:
    """The server on ``port``, or on the usual port, or, when that is taken,
    on a free one."""
    if port is not None:
        return Server(hub, port)
    try:
        return Server(hub, USUAL_PORT)
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", -1)):
            raise
        return Server(hub, 0)


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # the console is the user's; requests are not news

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse(self, status: int, text: str) -> None:
        self._send(status, (text + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _host_ok(self) -> bool:
        return (self.headers.get("Host") or "").strip().lower() in self.server.allowed_hosts()

    def do_POST(self):  # noqa: N802 - the base class's name
        self._refuse(405, "docgen serve tager kun imod GET.")

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def do_HEAD(self):  # noqa: N802
        self.do_GET()

    def do_GET(self):  # noqa: N802
        if not self._host_ok():
            self._refuse(403, "Forkert værtsnavn: docgen serve svarer kun på sin egen adresse.")
            return
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(200, self.server.page, "text/html; charset=utf-8")
        elif url.path == "/tilstand.json":
            body = json.dumps(self.server.hub.public(), ensure_ascii=False).encode("utf-8")
            self._send(200, body, "application/json; charset=utf-8")
        elif url.path == "/side.png":
            query = parse_qs(url.query)
            try:
                name, number = query["fil"][0], int(query["nr"][0])
            except (KeyError, ValueError, IndexError):
                self._refuse(400, "Mangler fil og nr.")
                return
            png = self.server.hub.page(name, number)
            if png is None:
                self._refuse(404, "Siden findes ikke (længere).")
            else:
                self._send(200, png, "image/png", {"Cache-Control": "private, max-age=3600"})
        elif url.path == "/haendelser":
            self._events()
        else:
            self._refuse(404, "Ikke fundet.")

    def _events(self) -> None:
        """Server-sent events: the state's version each time it changes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        for key, value in SECURITY_HEADERS.items():
            self.send_header(key, value)
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        hub = self.server.hub
        seen = -1
        try:
            while not hub.stopped:
                version = hub.wait(seen, KEEPALIVE_SECONDS)
                if version != seen:
                    self.wfile.write(f"data: {version}\n\n".encode("ascii"))
                    seen = version
                else:
                    self.wfile.write(b": stadig her\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass
        self.close_connection = True
