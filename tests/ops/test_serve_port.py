"""`fazhi serve` checks its port before starting Prefect's server (fazhi.prefect_server.port_in_use):
a port something listens on is in use; one that only holds connections of a server stopped
a moment ago (TIME_WAIT, ~60 s on Linux) is not, since the server binds it as servers do."""
from __future__ import annotations

import socket

from fazhi.prefect_server import free_port, port_in_use


def test_a_port_something_listens_on_is_in_use():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert port_in_use(listener.getsockname()[1])


def test_the_port_of_a_server_stopped_a_moment_ago_is_free_again():
    port = free_port()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen()
    client = socket.create_connection(("127.0.0.1", port))
    served, _ = listener.accept()
    served.close()     # the server side closes first: its end of the connection waits in TIME_WAIT
    client.close()
    listener.close()
    assert not port_in_use(port)
