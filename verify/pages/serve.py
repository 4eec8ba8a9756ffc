"""``verify docs --serve``: preview the built site on localhost (loopback only)."""
from __future__ import annotations

import functools
import http.server
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def serve(folder: str | Path, port: int = 8000, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A server for ``folder`` on ``host:port`` (``port=0``: any free one); call ``serve_forever``."""
    handler = functools.partial(_Quiet, directory=str(Path(folder).resolve()))
    return http.server.ThreadingHTTPServer((host, port), handler)


__all__ = ["serve"]
