"""``graphmodel neo4j start | stop | status`` for real: a Neo4j 5.26 started the user's way, loaded, stopped, restarted.

One server serves the module (starting Neo4j takes tens of seconds on the test machine); the tests that need it run
in file order: start, load, the HTTP API, start twice, then stop and start again, which must find the data.
The errors (no Java, no Maven, a short password, a taken port) are checked without a server.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import socket
import stat
import urllib.request
from pathlib import Path

import pytest

from _plans import both_plans
from local_neo4j import free_ports, runner, started_server, use_settings_of
from graphmodel.cli import app
from graphmodel.neo4j.server import Connection, saved_connection

pytestmark = pytest.mark.neo4j


@contextlib.contextmanager
def _default_ports_held():
    """Listen on 7687 and 7474 (where free) as a user's own Neo4j would: no test may depend on them."""
    with contextlib.ExitStack() as stack:
        for port in (7687, 7474):
            sock = stack.enter_context(socket.socket())
            with contextlib.suppress(OSError):  # taken already: then by someone else, which is the point too
                sock.bind(("127.0.0.1", port))
                sock.listen()
        yield


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The module's server, started and used while 7687 and 7474 are held (as by a user's own Neo4j)."""
    with _default_ports_held(), started_server(tmp_path_factory.mktemp("neo4j-start")) as started:
        yield started


@pytest.fixture
def settings_of(server, monkeypatch):
    """``server``, with the environment that makes commands use it (and only it) for one test."""
    use_settings_of(server.config_home, monkeypatch)
    return server


def _pid(server) -> int:
    return int((server.data / "server.pid").read_text().strip())


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"}


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _count(server) -> int:
    result = runner.invoke(app, ["cypher", "MATCH (n) RETURN count(n) AS n", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)[0]["n"]


# --------------------------------------------------------------------------- with a server, in order


def test_start_prints_exports_writes_settings_and_status_says_where(settings_of):
    server = settings_of
    assert {server.bolt_port, server.http_port}.isdisjoint({7687, 7474})  # while those are held by another
    for port in (7687, 7474):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) == 0  # held: by _default_ports_held, or someone else
    assert server.connection.uri == f"bolt://127.0.0.1:{server.bolt_port}"
    assert server.connection.user == "neo4j" and len(server.connection.password) >= 8
    # a password nobody gave is generated, and said so
    assert "已生成密码" in server.start_stderr and server.connection.password in server.start_stderr
    assert f"http://127.0.0.1:{server.http_port}/browser/" in server.start_stderr
    # the settings file (owner only) and the data directory's own copy say the same
    assert saved_connection() == server.connection
    for path in (server.env_file, server.data / "connection.env"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert Connection.parse(path.read_text()) == server.connection
    assert _alive(_pid(server)) and _listening(server.bolt_port) and _listening(server.http_port)

    result = runner.invoke(app, ["neo4j", "status", "--data", str(server.data)])
    assert result.exit_code == 0, result.stderr
    for expected in (server.connection.uri, f"http://127.0.0.1:{server.http_port}/browser/", str(server.data),
                     str(_pid(server)), str(server.data / "server.log")):
        assert expected in result.stdout
    as_json = json.loads(runner.invoke(app, ["neo4j", "status", "-f", "json"]).stdout)  # --data: the last started
    assert as_json["running"] and as_json["pid"] == _pid(server) and as_json["data_dir"] == str(server.data)
    assert as_json["bolt_port"] == server.bolt_port and as_json["http_port"] == server.http_port


def test_load_and_query_need_no_settings(settings_of):
    graph = both_plans()
    result = runner.invoke(app, ["load", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["nodes_written"] == graph.number_of_nodes()
    assert loaded["relationships_written"] == graph.number_of_edges()
    assert _count(settings_of) == graph.number_of_nodes()
    result = runner.invoke(app, ["query", "run", "officials-by-load", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    officials = {n for n, d in graph.nodes(data=True) if d["label"] == "Official"}
    assert len(json.loads(result.stdout)) == len(officials)


def test_given_settings_win_over_the_saved_ones(settings_of):
    (unused,) = free_ports(1)
    result = runner.invoke(app, ["cypher", "RETURN 1", "--uri", f"bolt://127.0.0.1:{unused}"])
    assert result.exit_code == 2 and f"127.0.0.1:{unused}" in result.stderr
    result = runner.invoke(app, ["cypher", "RETURN 1"], env={"NEO4J_PASSWORD": "not-the-password"})
    assert result.exit_code == 2 and "拒绝登录" in result.stderr


def test_http_api_answers_with_the_same_data(settings_of):
    server = settings_of
    token = base64.b64encode(f"neo4j:{server.connection.password}".encode()).decode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.http_port}/db/neo4j/tx/commit",
        data=json.dumps({"statements": [{"statement": "MATCH (t:Task) RETURN count(t) AS tasks"}]}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Basic {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    assert answer["errors"] == []
    tasks = sum(1 for _, d in both_plans().nodes(data=True) if d["label"] == "Task")
    assert answer["results"][0]["columns"] == ["tasks"] and answer["results"][0]["data"][0]["row"] == [tasks]
    with urllib.request.urlopen(f"http://127.0.0.1:{server.http_port}/browser/", timeout=30) as response:
        page = response.read().decode("utf-8", "replace")
    assert response.status == 200 and "<title>Neo4j Browser</title>" in page


def _load_csv(url: str) -> str:
    return f"LOAD CSV FROM '{url}' AS line RETURN line"


def test_read_only_cypher_cannot_reach_the_machine(settings_of):
    server = settings_of
    secrets_at = [Path("/etc/passwd"), server.env_file, server.data / "connection.env", Path("/proc/self/environ")]
    urls = [f"file://{path}" for path in secrets_at] + [f"http://127.0.0.1:{server.http_port}/",
                                                          f"http://localhost:{server.bolt_port}/"]
    for url in urls:
        line = _one_error_line(runner.invoke(app, ["cypher", _load_csv(url)]))
        assert "LOAD CSV" in line and "--write" in line and url not in line
    for statement in ("SHOW TRANSACTIONS", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "SHOW USERS",
                      "CALL dbms.listConfig() YIELD name RETURN name"):
        line = _one_error_line(runner.invoke(app, ["cypher", statement]))
        assert "只读会话不允许" in line and "--write" in line


def test_load_csv_with_write_reads_only_the_import_folder(settings_of):
    server = settings_of
    imports = server.data / "neo4j" / "import"
    assert imports.is_dir() and list(imports.iterdir()) == []  # empty unless the user puts files there
    (imports / "roads.csv").write_text("name\n浦东大道\n", encoding="utf-8")
    try:
        result = runner.invoke(app, ["cypher", _load_csv("file:///roads.csv"), "--write", "-f", "json"])
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout) == [{"line": ["name"]}, {"line": ["浦东大道"]}]
    finally:
        (imports / "roads.csv").unlink()
    outside = ["file:///etc/passwd", f"file://{server.data / 'connection.env'}", "file:///../../connection.env",
               "file:///../server.log", f"http://127.0.0.1:{server.http_port}/"]
    for url in outside:
        line = _one_error_line(runner.invoke(app, ["cypher", _load_csv(url), "--write"]))
        assert "LOAD CSV" in line and "root:" not in line and server.connection.password not in line


def test_browser_session_cannot_reach_the_machine_either(settings_of):
    """Neo4j Browser runs what its user types in a session of their own: the server itself must refuse."""
    server = settings_of
    token = base64.b64encode(f"neo4j:{server.connection.password}".encode()).decode()
    urls = ["file:///etc/passwd", f"file://{server.data / 'connection.env'}", "file:///proc/self/environ",
            f"http://127.0.0.1:{server.http_port}/"]
    for url in urls:  # one request each: the first error ends a request's statements
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.http_port}/db/neo4j/tx/commit",
            data=json.dumps({"statements": [{"statement": _load_csv(url)}]}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Basic {token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = response.read().decode("utf-8")
        assert "root:" not in answer and server.connection.password not in answer
        parsed = json.loads(answer)
        assert [error["code"] for error in parsed["errors"]] == ["Neo.ClientError.Statement.ExternalResourceFailed"]
        assert all(not result["data"] for result in parsed["results"])


def test_store_is_the_owners_only(settings_of):
    server = settings_of
    for folder in (server.data, server.data / "neo4j", server.data / "neo4j" / "import"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    store = [path for path in (server.data / "neo4j" / "data").rglob("*") if path.is_file()]
    assert store and all(stat.S_IMODE(path.stat().st_mode) & 0o077 == 0 for path in store)


def test_start_twice_says_it_already_runs(settings_of):
    server = settings_of
    pid = _pid(server)
    result = runner.invoke(app, server.start_args())
    assert result.exit_code == 0, result.stderr
    assert "已在运行" in result.stderr and str(pid) in result.stderr
    assert Connection.parse(result.stdout) == server.connection and _pid(server) == pid


def test_stop_then_start_again_finds_the_data(settings_of):
    server = settings_of
    pid, before = _pid(server), _count(server)
    assert before > 0
    result = runner.invoke(app, ["neo4j", "stop"])  # no --data: the server started last
    assert result.exit_code == 0, result.stderr
    assert "已停止" in result.stderr and str(pid) in result.stderr
    assert not _alive(pid) and not (server.data / "server.pid").exists() and not _listening(server.bolt_port)
    status = runner.invoke(app, ["neo4j", "status"])
    assert status.exit_code == 1 and "没有运行" in status.stderr and str(server.data) in status.stderr
    assert runner.invoke(app, ["neo4j", "stop"]).exit_code == 0  # stopping a stopped server is no error

    again = runner.invoke(app, server.start_args())  # no --password: the one this data directory had
    assert again.exit_code == 0, again.stderr
    assert Connection.parse(again.stdout) == server.connection and "已生成密码" not in again.stderr
    assert _pid(server) != pid and _count(server) == before


# --------------------------------------------------------------------------- errors, without a server


@pytest.fixture
def no_server(tmp_path, monkeypatch):
    """No server, no settings, nothing built, and the default ports taken (as by a user's own Neo4j)."""
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "JAVA_HOME", "GRAPHMODEL_NEO4J_DATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # nothing built yet
    with _default_ports_held():
        yield tmp_path


def _start_on_free_ports(data: Path) -> list[str]:
    bolt, http = free_ports(2)
    return ["neo4j", "start", "--data", str(data), "--bolt-port", str(bolt), "--http-port", str(http)]


def _bin_with(tmp_path: Path, **scripts: str) -> str:
    """A directory for PATH holding only the given shell scripts."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name, body in scripts.items():
        (folder / name).write_text("#!/bin/sh\n" + body + "\n")
        (folder / name).chmod(0o755)
    return str(folder)


def _one_error_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    return lines[0]


def test_no_java_is_one_line(no_server, monkeypatch):
    monkeypatch.setenv("PATH", _bin_with(no_server))
    line = _one_error_line(runner.invoke(app, _start_on_free_ports(no_server / "data")))
    assert "Java 17" in line


def test_old_java_is_one_line(no_server, monkeypatch):
    monkeypatch.setenv("PATH", _bin_with(no_server, java='echo \'openjdk version "11.0.22" 2024-01-16\' >&2'))
    line = _one_error_line(runner.invoke(app, _start_on_free_ports(no_server / "data")))
    assert "Java 17" in line and "Java 11" in line


def test_no_maven_is_one_line(no_server, monkeypatch):
    java = os.path.realpath(__import__("shutil").which("java") or "/usr/bin/java")
    if not os.path.exists(java):
        pytest.skip("needs a real java to get past the Java check")
    monkeypatch.setenv("PATH", _bin_with(no_server, java=f'exec "{java}" "$@"'))
    line = _one_error_line(runner.invoke(app, _start_on_free_ports(no_server / "data")))
    assert "Maven" in line and "mvn" in line
    assert not (no_server / "data" / "server.pid").exists()


def test_short_password_is_one_line(no_server):
    line = _one_error_line(runner.invoke(app, ["neo4j", "start", "--data", str(no_server), "--password", "short"]))
    assert "8" in line


def test_taken_port_is_one_line(no_server):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        (http,) = free_ports(1)
        line = _one_error_line(runner.invoke(app, ["neo4j", "start", "--data", str(no_server), "--bolt-port", str(port),
                                                 "--http-port", str(http)]))
    assert str(port) in line and "--bolt-port" in line


def test_status_and_stop_without_a_server(no_server):
    result = runner.invoke(app, ["neo4j", "status", "--data", str(no_server / "data")])
    assert result.exit_code == 1 and "没有运行" in result.stderr and result.stdout == ""
    result = runner.invoke(app, ["neo4j", "stop", "--data", str(no_server / "data")])
    assert result.exit_code == 0 and "没有在运行" in result.stderr
