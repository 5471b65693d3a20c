"""A server started the user's way, ``graphmodel neo4j start``, for the tests of that command and of Neo4j Browser.

``started_server(base)`` runs ``start`` through the CLI on two free ports with data and settings under ``base``
and yields a :class:`LocalServer`; it stops the server afterwards. Where Java 17+ or Maven is missing it skips with
the reason, unless ``REQUIRE_NEO4J=1``: then it fails. Environment for the whole block: ``XDG_CONFIG_HOME`` under
``base`` (the settings file), no ``NEO4J_*`` variables (so commands read that file), and a C1-only JIT, which
starts Neo4j about twice as fast on the 2-core test machine (``GRAPHMODEL_NEO4J_JAVA_OPTS``).
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphmodel.cli import app
from graphmodel.neo4j.server import Connection, stop

__all__ = ["LocalServer", "free_ports", "started_server", "runner", "use_settings_of"]

runner = CliRunner()
_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


@dataclass
class LocalServer:
    """What ``start`` printed and where its files are."""

    data: Path
    config_home: Path
    bolt_port: int
    http_port: int
    connection: Connection
    start_stderr: str

    @property
    def env_file(self) -> Path:
        return self.config_home / "graphmodel" / "neo4j.env"

    def start_args(self) -> list[str]:
        return ["neo4j", "start", "--data", str(self.data), "--bolt-port", str(self.bolt_port),
                "--http-port", str(self.http_port)]


def free_ports(count: int) -> list[int]:
    """``count`` distinct ports nobody listens on (held open together while chosen)."""
    with contextlib.ExitStack() as stack:
        ports = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
        return ports


def _unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_NEO4J", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"REQUIRE_NEO4J=1 but `graphmodel neo4j start` failed: {reason}", pytrace=False)
    pytest.skip(f"`graphmodel neo4j start` is not possible here (set REQUIRE_NEO4J=1 to fail instead): {reason}")


def use_settings_of(config_home: Path, env: pytest.MonkeyPatch) -> None:
    """Make commands find the settings ``start`` writes under ``config_home``, and nothing else."""
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "GRAPHMODEL_NEO4J_DATA"):
        env.delenv(name, raising=False)
    env.setenv("XDG_CONFIG_HOME", str(config_home))
    env.setenv("GRAPHMODEL_NEO4J_JAVA_OPTS", _JAVA_OPTS)


@contextlib.contextmanager
def started_server(base: Path) -> Iterator[LocalServer]:
    with pytest.MonkeyPatch.context() as env:
        use_settings_of(base / "config", env)
        bolt, http = free_ports(2)
        server = LocalServer(base / "data", base / "config", bolt, http, Connection("", "", ""), "")
        result = runner.invoke(app, server.start_args())
        try:
            if result.exit_code != 0:
                _unavailable(f"exit {result.exit_code}: {result.stderr.strip()}")
            connection = Connection.parse(result.stdout)
            assert connection is not None, result.stdout
            server.connection, server.start_stderr = connection, result.stderr
            yield server
        finally:
            stop(server.data)
