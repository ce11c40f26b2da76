"""Helpers of the safety tests: servers that misbehave on purpose."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def dripping_server(first: bytes = b"", read_request: bool = False, every: float = 0.3) -> Iterator[int]:
    """A server on 127.0.0.1 that sends ``first``, then one byte every ``every`` seconds, forever:
    no single read ever times out. Yields its port."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    stop = threading.Event()

    def serve() -> None:
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    def drip(conn: socket.socket) -> None:
        with conn:
            try:
                if read_request:
                    conn.recv(4096)
                conn.sendall(first)
                while not stop.is_set():
                    conn.sendall(b"2")
                    time.sleep(every)
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield srv.getsockname()[1]
    finally:
        stop.set()
        srv.close()
