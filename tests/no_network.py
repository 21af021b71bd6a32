"""A fixture that makes any network use fail loudly: the tool must work on an air-gapped laptop."""
from __future__ import annotations

import socket

import pytest


class NetworkUsed(AssertionError):
    """Some code tried to reach the network."""


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkUsed(f"network access attempted: {args!r}")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forbid connecting, binding, sending and name lookups (asyncio's internal socketpair still works).

    Returns a list of the attempts made, in case a library swallows the exception.
    """
    attempts: list[str] = []

    def refuse(name: str):
        def call(*args: object, **kwargs: object) -> None:
            attempts.append(name)
            _refuse(name, *args[1:])
        return call

    for name in ("connect", "connect_ex", "bind", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts
