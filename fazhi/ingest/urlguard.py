"""Fetching a web address safely: public hosts only, and one deadline for the whole fetch.

``fazhi.ingest.sources`` opens every URL through ``opener``. Each connection
(the first and every redirect's) resolves the host itself, refuses private,
loopback, link-local and other non-public addresses unless
FAZHI_ALLOW_PRIVATE_URLS=1 (cloud metadata addresses always), and connects
to the address it checked, so a second lookup cannot swap it. A timer
shuts every socket of the fetch when its deadline passes, so a server that
sends its headers or body a byte at a time cannot hold the run past it.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
import time
import urllib.request

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud instance metadata services: never a report source, whatever is allowed.
METADATA = {ipaddress.ip_address(a) for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200",
                                              "fd00:ec2::254")}


class Refused(OSError):
    """The host resolves to an address fazhi does not fetch from."""


def refusal(ip: IPAddress, allow_private: bool) -> str | None:
    """Why ``ip`` may not be fetched from, or None."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA:
        return "a cloud metadata address"
    if allow_private:
        return None
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global or ip.is_multicast:
        return "not a public address"
    return None


class Fetch:
    """One fetch's connections: checked addresses, and a deadline that cuts them all."""

    def __init__(self, timeout: float, allow_private: bool):
        self.timeout, self.allow_private = timeout, allow_private
        self.deadline = time.monotonic() + timeout
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(timeout, self._cut)
        self._timer.daemon = True

    def __enter__(self) -> Fetch:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def _cut(self) -> None:
        self.expired = True
        for sock in self._sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def connect(self, address: tuple[str, int], timeout: float | None = None, source_address=None) -> socket.socket:
        host, port = address
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        for *_, sockaddr in infos:
            ip = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
            why = refusal(ip, self.allow_private)
            if why:
                hint = "" if ip in METADATA else " (FAZHI_ALLOW_PRIVATE_URLS=1 allows private addresses)"
                raise Refused(f"refused: {host} is {why} ({ip}){hint}")
        family, kind, proto, _, sockaddr = infos[0]
        sock = socket.socket(family, kind, proto)
        self._sockets.append(sock)
        sock.settimeout(min(timeout or left, left))
        if source_address:
            sock.bind(source_address)
        sock.connect(sockaddr)
        return sock

    def opener(self) -> urllib.request.OpenerDirector:
        fetch = self

        def guarded(base):
            class Connection(base):
                def __init__(self, *args, **kwargs):
                    super().__init__(*args, **kwargs)
                    self._create_connection = fetch.connect
            return Connection

        class Http(urllib.request.HTTPHandler):
            def http_open(self, req):
                return self.do_open(guarded(http.client.HTTPConnection), req)

        class Https(urllib.request.HTTPSHandler):
            def https_open(self, req):
                return self.do_open(guarded(http.client.HTTPSConnection), req, context=self._context)

        return urllib.request.build_opener(Http, Https)
