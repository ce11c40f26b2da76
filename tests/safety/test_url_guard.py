"""Web addresses: one deadline for the whole fetch, headers included; no private or metadata hosts."""
from __future__ import annotations

import ipaddress
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from fazhi.ingest.sources import iter_inputs
from fazhi.ingest.urlguard import refusal

from .conftest import dripping_server

MB = 2**20
BODY = "某县2023年政府信息公开工作年度报告：共收到申请35件。".encode("utf-8")


def fetch(url: str, timeout: float = 5.0, allow_private: bool = True):
    [inp] = list(iter_inputs([url], MB, timeout=timeout, allow_private=allow_private))
    return inp


@pytest.fixture()
def dripping_headers():
    """A server whose headers never end: one byte every 0.3 s."""
    with dripping_server(b"HTTP/1.1 200 OK\r\nX-Slow: ", read_request=True) as port:
        yield f"http://127.0.0.1:{port}/report.txt"


def test_the_deadline_covers_the_headers(dripping_headers):
    result = {}
    worker = threading.Thread(target=lambda: result.update(inp=fetch(dripping_headers, timeout=2)), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "the fetch was still going after 20 s"
    assert time.monotonic() - started < 4
    assert result["inp"].error == "timed out after 2 s"


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        Handler.hits.append(self.path)
        if self.path.startswith("/go"):
            self.send_response(302)
            self.send_header("Location", self.path.split("?to=", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


@pytest.fixture()
def local_site():
    Handler.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_loopback_address_is_refused_unless_allowed(local_site):
    refused = fetch(f"{local_site}/r.txt", allow_private=False)
    assert refused.data is None and "FAZHI_ALLOW_PRIVATE_URLS" in refused.error and "loopback" in refused.error
    assert Handler.hits == []
    assert fetch(f"{local_site}/r.txt", allow_private=True).data == BODY


def test_a_redirect_to_a_metadata_address_is_refused(local_site):
    inp = fetch(f"{local_site}/go?to=http://169.254.169.254/latest/meta-data/", timeout=3, allow_private=True)
    assert inp.data is None and "metadata" in inp.error
    assert Handler.hits == ["/go?to=http://169.254.169.254/latest/meta-data/"]


@pytest.mark.parametrize("address, allowed", [
    ("127.0.0.1", False), ("::1", False), ("10.1.2.3", False), ("172.16.5.4", False), ("192.168.1.1", False),
    ("169.254.10.10", False), ("fe80::1", False), ("fd12::1", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("::ffff:127.0.0.1", False), ("169.254.169.254", False), ("100.100.100.200", False),
    ("8.8.8.8", True), ("2400:3200::1", True), ("202.108.22.5", True),
])
def test_which_addresses_are_refused(address, allowed):
    assert (refusal(ipaddress.ip_address(address), allow_private=False) is None) == allowed


def test_metadata_addresses_are_refused_even_when_private_ones_are_allowed():
    assert refusal(ipaddress.ip_address("169.254.169.254"), allow_private=True)
    assert refusal(ipaddress.ip_address("10.0.0.5"), allow_private=True) is None
