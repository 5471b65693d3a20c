"""A persistent local Neo4j 5.26 Community with Neo4j Browser, from Maven Central artifacts and run by Java: no Docker.

The route is the test harness's (``tests/neo4j_harness``): Maven resolves Neo4j's jars, Java runs them. What
``graphmodel neo4j start`` needs ships inside this package (``launcher/``: a pom and one Java class), is copied
into the user's cache and built there once. After that, starting needs Java only.

One data directory is one server::

    DATA/neo4j/          Neo4j's home (mode 700): data/ (the databases, kept across restarts), logs/,
                         import/ (the only folder LOAD CSV reads), conf/neo4j.conf (optional)
    DATA/server.pid      the process id while it runs
    DATA/server.json     ports and start time of the running server
    DATA/server.log      the launcher's output (Neo4j's own logs are in DATA/neo4j/logs/)
    DATA/connection.env  export lines for this server (mode 600), so a restart keeps the password

A data directory ``start`` creates is private (mode 700), Neo4j's home always is, and the server runs with umask
077, so its store files are the owner's only. ``start`` also writes the export lines to :func:`env_file`, which
``graphmodel load``, ``query`` and ``cypher`` read when ``NEO4J_URI`` is not set.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import Neo4jError

__all__ = [
    "DEFAULT_BOLT_PORT",
    "DEFAULT_HTTP_PORT",
    "Connection",
    "ServerInfo",
    "StartResult",
    "data_dir_in_use",
    "default_data_dir",
    "env_file",
    "saved_connection",
    "start",
    "status",
    "stop",
]

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
USER = "neo4j"
MIN_PASSWORD_LENGTH = 8  # Neo4j's dbms.security.auth_minimum_password_length

_MAIN_CLASS = "graphmodel.server.Launcher"
_JAR = "graphmodel-neo4j-server.jar"
_PASSWORD_ENV = "GRAPHMODEL_NEO4J_PASSWORD"  # read by Launcher.java
_JAVA_OPTS_ENV = "GRAPHMODEL_NEO4J_JAVA_OPTS"
_DATA_ENV = "GRAPHMODEL_NEO4J_DATA"
_MAVEN_TIMEOUT_S = 1800
_START_TIMEOUT_S = 300.0
_STOP_TIMEOUT_S = 60.0
_TAIL_LINES = 15
#: Heap for a desktop server; GRAPHMODEL_NEO4J_JAVA_OPTS comes later and wins. The openings are Neo4j's own launcher's.
_JAVA_OPTS = (
    "-Xms256m", "-Xmx1g", "-XX:-OmitStackTraceInFastThrow", "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true", "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)
_ENV_KEYS = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD")


def _error(zh: str, en: str) -> Neo4jError:
    error = Neo4jError(zh)
    error.en = en
    return error


# --------------------------------------------------------------------------- where things live


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable, "").strip()
    return Path(value) if value and Path(value).is_absolute() else Path.home() / fallback


def default_data_dir() -> Path:
    """The data directory used without ``--data``: ``$GRAPHMODEL_NEO4J_DATA``, else ``$XDG_DATA_HOME/graphmodel/neo4j``.

    >>> default_data_dir().parts[-2:]
    ('graphmodel', 'neo4j')
    """
    given = os.environ.get(_DATA_ENV, "").strip()
    return Path(given).expanduser() if given else _xdg("XDG_DATA_HOME", ".local/share") / "graphmodel" / "neo4j"


def env_file() -> Path:
    """The export lines of the server started last: ``$XDG_CONFIG_HOME/graphmodel/neo4j.env``.

    >>> env_file().name
    'neo4j.env'
    """
    return _xdg("XDG_CONFIG_HOME", ".config") / "graphmodel" / "neo4j.env"


def data_dir_in_use(data_dir: Path | None = None) -> Path:
    """``data_dir``; else the one the env file names (the server started last); else :func:`default_data_dir`."""
    if data_dir:
        return Path(data_dir).expanduser().absolute()
    with contextlib.suppress(OSError):
        match = re.search(r"^# data: (.+)$", env_file().read_text(encoding="utf-8"), re.M)
        if match and Path(match.group(1)).is_dir():
            return Path(match.group(1))
    return default_data_dir().absolute()


def _cache_dir() -> Path:
    return _xdg("XDG_CACHE_HOME", ".cache") / "graphmodel" / "neo4j-server"


@dataclass(frozen=True)
class _Files:
    """The files of one data directory."""

    data: Path

    @property
    def home(self) -> Path:
        return self.data / "neo4j"

    @property
    def imports(self) -> Path:
        return self.home / "import"

    @property
    def pid(self) -> Path:
        return self.data / "server.pid"

    @property
    def info(self) -> Path:
        return self.data / "server.json"

    @property
    def log(self) -> Path:
        return self.data / "server.log"

    @property
    def connection(self) -> Path:
        return self.data / "connection.env"


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Connection:
    """How to reach a server: what ``NEO4J_URI``, ``NEO4J_USERNAME`` and ``NEO4J_PASSWORD`` say. ``repr`` hides the password.

    >>> c = Connection("bolt://127.0.0.1:7687", "neo4j", "it's-secret")
    >>> c
    Connection(uri='bolt://127.0.0.1:7687', user='neo4j')
    >>> print(c.export_lines())
    export NEO4J_URI=bolt://127.0.0.1:7687
    export NEO4J_USERNAME=neo4j
    export NEO4J_PASSWORD='it'"'"'s-secret'
    >>> Connection.parse(c.export_lines()) == c
    True
    """

    uri: str
    user: str
    password: str = field(repr=False)

    def export_lines(self) -> str:
        """``export`` lines a POSIX shell can ``eval`` or ``source`` (values quoted)."""
        values = (self.uri, self.user, self.password)
        return "\n".join(f"export {key}={shlex.quote(value)}" for key, value in zip(_ENV_KEYS, values))

    @classmethod
    def parse(cls, text: str) -> Connection | None:
        """The connection written by :meth:`export_lines` (other lines ignored), or None when incomplete."""
        found: dict[str, str] = {}
        for line in text.splitlines():
            words = shlex.split(line, comments=True) if line.strip() else []
            if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                key, _, value = words[1].partition("=")
                found[key] = value
        if not all(found.get(key) for key in _ENV_KEYS):
            return None
        return cls(found["NEO4J_URI"], found["NEO4J_USERNAME"], found["NEO4J_PASSWORD"])


@dataclass(frozen=True)
class ServerInfo:
    """A running server: where it listens and where its files are."""

    pid: int
    bolt_port: int
    http_port: int
    data_dir: Path
    log_file: Path
    started_at: str = ""

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    def as_dict(self) -> dict:
        """Plain data (paths as text), with the URI and the Browser URL."""
        plain = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()}
        return {**plain, "uri": self.uri, "browser_url": self.browser_url}


@dataclass(frozen=True)
class StartResult:
    """What :func:`start` did: the server, how to connect, and whether it was already running or the password is new."""

    server: ServerInfo
    connection: Connection
    already_running: bool = False
    generated_password: bool = False
    env_file: Path | None = None


# --------------------------------------------------------------------------- public functions


def status(data_dir: Path | None = None) -> ServerInfo | None:
    """The server running on ``data_dir`` (default: the one started last, else :func:`default_data_dir`), or None.

    Examples
    --------
    >>> import tempfile
    >>> status(Path(tempfile.mkdtemp())) is None
    True
    """
    files = _Files(data_dir_in_use(data_dir))
    pid = _read_pid(files.pid)
    if pid is None or not _is_server(pid):
        return None
    try:
        saved = json.loads(files.info.read_text(encoding="utf-8"))
        return ServerInfo(pid, int(saved["bolt_port"]), int(saved["http_port"]), files.data, files.log,
                          saved.get("started_at", ""))
    except (OSError, ValueError, KeyError):
        return ServerInfo(pid, DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, files.data, files.log)


def start(
    data_dir: Path | None = None,
    *,
    bolt_port: int = DEFAULT_BOLT_PORT,
    http_port: int = DEFAULT_HTTP_PORT,
    password: str | None = None,
    timeout: float = _START_TIMEOUT_S,
    notify: Callable[[str], None] = lambda message: None,
) -> StartResult:
    """Start Neo4j 5.26 with Browser on ``data_dir`` in the background; return once Bolt and HTTP answer.

    Parameters
    ----------
    data_dir
        Where the databases live (kept across restarts); default :func:`data_dir_in_use`: the directory of the
        server started last, else :func:`default_data_dir`.
    bolt_port, http_port
        Ports on 127.0.0.1 for Bolt and for HTTP (Neo4j Browser at ``/browser/``).
    password
        Password of user ``neo4j`` (at least 8 characters), set on every start. None: the one this data directory
        was last started with, else a new random one (``generated_password`` in the result).
    timeout
        Seconds to wait for the server to answer.
    notify
        Called with a line of progress (the first build downloads Neo4j with Maven).

    Returns
    -------
    StartResult
        With ``already_running`` when a server already runs on ``data_dir`` (nothing is started then).

    Raises
    ------
    Neo4jError
        Java 17+ or Maven missing, a port taken, a short password, a build or start that failed (with the log's tail).
    """
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise _error(f"密码至少要 {MIN_PASSWORD_LENGTH} 个字符（Neo4j 的要求）",
                     f"the password needs at least {MIN_PASSWORD_LENGTH} characters (Neo4j's minimum)")
    files = _Files(data_dir_in_use(data_dir))
    running = status(files.data)
    if running is not None:
        connection = _read_connection(files.connection) or Connection(running.uri, USER, password or "")
        return StartResult(running, connection, already_running=True, env_file=_write_env(connection, files.data))
    for port in dict.fromkeys((bolt_port, http_port)):
        _check_port_free(port)
    if bolt_port == http_port:
        raise _error(f"Bolt 与 HTTP 不能用同一个端口 {bolt_port}", f"Bolt and HTTP cannot share port {bolt_port}")
    java = _find_java()
    classpath = _build(notify)
    remembered = _read_connection(files.connection)
    generated = password is None and remembered is None
    password = password or (remembered.password if remembered else secrets.token_urlsafe(18))
    server = _launch(java, classpath, files, bolt_port, http_port, password, timeout, notify)
    connection = Connection(server.uri, USER, password)
    _write_private(files.connection, connection.export_lines() + "\n")
    return StartResult(server, connection, generated_password=generated, env_file=_write_env(connection, files.data))


def stop(data_dir: Path | None = None, *, timeout: float = _STOP_TIMEOUT_S) -> ServerInfo | None:
    """Stop the server on ``data_dir``: SIGTERM, wait up to ``timeout`` s for a clean shutdown, then kill.

    Returns the server that was stopped, or None when none was running. The PID file is removed either way.
    """
    files = _Files(data_dir_in_use(data_dir))
    server = status(files.data)
    if server is not None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(server.pid, signal.SIGTERM)
        if not _wait_gone(server.pid, timeout):
            with contextlib.suppress(ProcessLookupError):
                os.kill(server.pid, signal.SIGKILL)
            _wait_gone(server.pid, 15)
    for path in (files.pid, files.info):
        path.unlink(missing_ok=True)
    return server


def saved_connection() -> Connection | None:
    """The connection :func:`start` wrote to :func:`env_file`, or None when there is none."""
    return _read_connection(env_file())


# --------------------------------------------------------------------------- files


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def _read_connection(path: Path) -> Connection | None:
    try:
        return Connection.parse(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` readable by the owner only, replacing the file in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


def _write_env(connection: Connection, data_dir: Path) -> Path:
    path = env_file()
    _write_private(path, f"# graphmodel neo4j start\n# data: {data_dir}\n{connection.export_lines()}\n")
    return path


def _tail(path: Path, lines: int = _TAIL_LINES) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return "".join(deque(handle, maxlen=lines)).rstrip() or "(空)"
    except OSError:
        return "(无)"


# --------------------------------------------------------------------------- Java and Maven


def _find_java() -> str:
    """``java`` from ``JAVA_HOME``, else PATH; version 17 or later."""
    java_home = os.environ.get("JAVA_HOME", "").strip()
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    java = str(candidate) if candidate and candidate.is_file() else shutil.which("java")
    if java is None:
        raise _error("没有找到 Java：本机 Neo4j 需要 Java 17 或更新版本（如 apt-get install openjdk-17-jdk-headless）",
                     "Java not found: the local Neo4j needs Java 17 or later (e.g. apt-get install openjdk-17-jdk-headless)")
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
        match = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    except (OSError, subprocess.SubprocessError):
        match = None
    major = int(match.group(1)) if match else 0
    if major == 1 and match and match.group(2):  # "1.8.0_x" is Java 8
        major = int(match.group(2))
    if major < 17:
        found = f"Java {major}" if major else f"{java}（版本未知）"
        raise _error(f"本机 Neo4j 需要 Java 17 或更新版本，找到的是 {found}：{java}",
                     f"the local Neo4j needs Java 17 or later, found {found}: {java}")
    return java


def _launcher_sources() -> dict[str, bytes]:
    root = resources.files(__package__) / "launcher"
    names = ("pom.xml", "src/main/java/graphmodel/server/Launcher.java")
    return {name: root.joinpath(*name.split("/")).read_bytes() for name in names}


def _build(notify: Callable[[str], None]) -> str:
    """Build the launcher in the cache once (Maven downloads Neo4j); return its Java class path."""
    sources = _launcher_sources()
    digest = hashlib.sha256(b"".join(name.encode() + b"\0" + body for name, body in sorted(sources.items())))
    target = _cache_dir() / digest.hexdigest()[:16]
    classpath_file, jar = target / "classpath.txt", target / "target" / _JAR
    target.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(target / ".lock"):
        if not (classpath_file.is_file() and jar.is_file()):
            _run_maven(target, sources, notify)
    return os.pathsep.join(filter(None, [str(jar), classpath_file.read_text(encoding="utf-8").strip()]))


def _run_maven(target: Path, sources: dict[str, bytes], notify: Callable[[str], None]) -> None:
    maven = shutil.which("mvn")
    if maven is None:
        raise _error("没有找到 Maven（mvn）：第一次启动本机 Neo4j 要用它从 Maven Central 下载 Neo4j（如 apt-get install maven）",
                     "Maven (mvn) not found: the first start of the local Neo4j uses it to download Neo4j from Maven "
                     "Central (e.g. apt-get install maven)")
    for name, body in sources.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(body)
    notify("第一次启动：用 Maven 下载 Neo4j 5.26 与 Neo4j Browser（约 150 MB），只需一次……")
    log = target / "build.log"
    command = [maven, "-B", "-q", "-f", str(target / "pom.xml"), "package", "dependency:build-classpath",
               f"-Dmdep.outputFile={target / 'classpath.txt'}"]
    try:
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  timeout=_MAVEN_TIMEOUT_S)
        failed = done.returncode != 0
    except (OSError, subprocess.SubprocessError):
        failed = True
    if failed or not (target / "target" / _JAR).is_file():
        (target / "classpath.txt").unlink(missing_ok=True)
        tail = _tail(log, 5).replace("\n", " | ")
        raise _error(f"Maven 没能构建本机 Neo4j（日志 {log}）：{tail}",
                     f"Maven could not build the local Neo4j (log {log}): {tail}")


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """One build at a time (POSIX; elsewhere no lock)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- the process


def _check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a listener says taken, TIME_WAIT does not
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise _error(f"端口 {port} 已被占用（另一个 Neo4j 或 Docker 容器？）：用 --bolt-port / --http-port 换一个",
                         f"port {port} is taken (another Neo4j, a Docker container?): choose another with "
                         "--bolt-port / --http-port") from None


def _launch(java: str, classpath: str, files: _Files, bolt_port: int, http_port: int, password: str,
            timeout: float, notify: Callable[[str], None]) -> ServerInfo:
    _make_private(files)
    command = [java, *_JAVA_OPTS, *os.environ.get(_JAVA_OPTS_ENV, "").split(), "-cp", classpath, _MAIN_CLASS,
               str(files.home), str(bolt_port), str(http_port)]
    env = {**os.environ, _PASSWORD_ENV: password}
    notify(f"启动 Neo4j（Bolt {bolt_port}，HTTP {http_port}，数据 {files.data}）……")
    with files.log.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=files.home, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True, umask=0o077)
    files.pid.write_text(f"{process.pid}\n", encoding="ascii")
    started_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    server = ServerInfo(process.pid, bolt_port, http_port, files.data, files.log, started_at)
    files.info.write_text(json.dumps({"bolt_port": bolt_port, "http_port": http_port, "started_at": started_at}),
                          encoding="utf-8")
    try:
        _wait_ready(process, server, timeout)
    except BaseException:
        stop(files.data, timeout=15)
        raise
    process.returncode = 0  # it runs on by design: no "still running" warning when this object goes
    return server


def _make_private(files: _Files) -> None:
    """The data directory (when this creates it), Neo4j's home and its import folder: readable by the owner only."""
    if not files.data.is_dir():
        files.data.mkdir(mode=0o700, parents=True)
    for folder in (files.home, files.imports):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)


def _wait_ready(process: subprocess.Popen, server: ServerInfo, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise _error(f"Neo4j 没有启动（退出码 {process.returncode}），日志 {server.log_file} 的最后几行：\n"
                         f"{_tail(server.log_file)}",
                         f"Neo4j did not start (exit code {process.returncode}); last lines of {server.log_file}:\n"
                         f"{_tail(server.log_file)}")
        if "READY " in _tail(server.log_file, 3) and _bolt_answers(server.bolt_port):
            return
        time.sleep(0.5)
    raise _error(f"Neo4j 在 {timeout:.0f} 秒内没有就绪；日志 {server.log_file}",
                 f"Neo4j was not ready within {timeout:.0f} s; see {server.log_file}")


def _bolt_answers(port: int) -> bool:
    """Whether a Bolt server on 127.0.0.1:``port`` agrees on a protocol version (a handshake, no login)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.settimeout(5)
            sock.sendall(b"\x60\x60\xb0\x17" + bytes([0, 7, 7, 5, 0, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0]))
            reply = sock.recv(4)
    except OSError:
        return False
    return len(reply) == 4 and reply != b"\0\0\0\0"


def _is_server(pid: int) -> bool:
    """Whether ``pid`` is a live (not zombie) launcher of ours, not a reused process id."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own child that ended
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc = Path("/proc") / str(pid)
    if not proc.is_dir():  # not Linux: trust the PID file
        return True
    try:
        state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        cmdline = (proc / "cmdline").read_bytes()
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"} and _MAIN_CLASS.encode() in cmdline


def _running(pid: int) -> bool:
    """Whether ``pid`` (known to be our server when the wait began) has not ended: a process that is exiting has
    no command line any more (so :func:`_is_server` no longer knows it) but may still hold the store's lock."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] not in {"Z", "X"}
    except (OSError, IndexError):
        return not Path("/proc/self").is_dir()  # no /proc (not Linux): the signal found it; else it has ended


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True
