"""A real Neo4j 5.26 server for the test suite, without Docker.

Where the server comes from, in order:

1. ``NEO4J_URI`` is set: that server is used, with ``NEO4J_USERNAME`` (default
   ``neo4j``), ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` (default ``neo4j``).
   Tests that use ``neo4j_clean`` EMPTY that database, so never point
   ``NEO4J_URI`` at a graph you want to keep.
2. Otherwise the Java launcher in ``tests/neo4j_harness`` (neo4j-harness, an
   in-process Neo4j) is built once with Maven, cached in
   ``<repo>/.cache/neo4j-harness/<hash of the harness sources>/``, and started as
   a subprocess on a free port of 127.0.0.1 with authentication enabled and a
   random password.  Later runs reuse the cache and do not call Maven.

The harness process stops itself when its stdin closes, so it cannot outlive
the Python process that started it, even if that process is killed.

Typical use (the pytest fixtures in ``tests/conftest.py`` wrap this)::

    with open_neo4j_server() as server:
        server.driver.execute_query("RETURN 1", database_=server.database)

Every failure to obtain a server raises :class:`Neo4jUnavailable` with a
message saying what went wrong, including the tail of Maven's or Java's output.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

__all__ = [
    "CACHE_DIR",
    "HARNESS_DIR",
    "HarnessBuild",
    "HarnessProcess",
    "Neo4jServer",
    "Neo4jSettings",
    "Neo4jUnavailable",
    "build_harness",
    "clean_database",
    "find_java",
    "neo4j_settings",
    "open_neo4j_server",
    "settings_from_env",
]

_log = logging.getLogger(__name__)

_REPO_ROOT = Path(__file__).resolve().parent.parent
HARNESS_DIR = _REPO_ROOT / "tests" / "neo4j_harness"
"""Maven project of the Java launcher."""
CACHE_DIR = _REPO_ROOT / ".cache" / "neo4j-harness"
"""Build cache (git-ignored); one sub-folder per hash of the harness sources."""

_MAIN_CLASS = "graphmodel.harness.Launcher"
_JAR_NAME = "neo4j-harness-launcher.jar"
_STAMP_NAME = "build.json"
_PASSWORD_ENV = "GRAPHMODEL_NEO4J_HARNESS_PASSWORD"  # read by Launcher.java
_JAVA_OPTS_ENV = "NEO4J_HARNESS_JAVA_OPTS"

_MAVEN_TIMEOUT_S = 1800.0
_START_TIMEOUT_S = 180.0
_STOP_TIMEOUT_S = 60.0
_PORT_ATTEMPTS = 3
_TAIL_LINES = 40
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# Modest memory for a 2-core test machine; C1-only JIT (TieredStopAtLevel=1)
# roughly halves start-up and is fast enough for test-sized graphs; plus the
# module openings that Neo4j's own launcher passes to the JVM.  Options in
# NEO4J_HARNESS_JAVA_OPTS come later and win (e.g. "-Xmx2g -XX:TieredStopAtLevel=4").
_DEFAULT_JAVA_OPTS = (
    "-Xms256m",
    "-Xmx1g",
    "-XX:TieredStopAtLevel=1",
    "-XX:-UsePerfData",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


class Neo4jUnavailable(RuntimeError):
    """No Neo4j server could be had; the message says why."""


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings; unpacks as ``uri, user, password, database``.

    The password is left out of ``repr`` so it does not end up in logs:

    >>> settings = Neo4jSettings("bolt://localhost:7687", "neo4j", "s3cret-pw", "neo4j")
    >>> settings
    Neo4jSettings(uri='bolt://localhost:7687', user='neo4j', database='neo4j')
    >>> uri, user, password, database = settings
    >>> password
    's3cret-pw'
    """

    uri: str
    user: str
    password: str = field(repr=False)
    database: str

    def __iter__(self) -> Iterator[str]:
        return iter((self.uri, self.user, self.password, self.database))

    @property
    def auth(self) -> tuple[str, str]:
        """``(user, password)`` as the neo4j driver expects it."""
        return (self.user, self.password)


def settings_from_env(environ: Mapping[str, str] | None = None) -> Neo4jSettings | None:
    """Settings from ``NEO4J_URI`` & co., or ``None`` when ``NEO4J_URI`` is unset.

    >>> settings_from_env({}) is None
    True
    >>> settings_from_env({"NEO4J_URI": "neo4j://db:7687", "NEO4J_PASSWORD": "pw-123456"})
    Neo4jSettings(uri='neo4j://db:7687', user='neo4j', database='neo4j')
    """
    env = os.environ if environ is None else environ
    uri = env.get("NEO4J_URI", "").strip()
    if not uri:
        return None
    return Neo4jSettings(
        uri=uri,
        user=env.get("NEO4J_USERNAME", "").strip() or "neo4j",
        password=env.get("NEO4J_PASSWORD", ""),
        database=env.get("NEO4J_DATABASE", "").strip() or "neo4j",
    )


# --------------------------------------------------------------------------
# Building the launcher (once, cached)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class HarnessBuild:
    """A built launcher: the Java class path and where it is cached."""

    classpath: str
    cache_dir: Path
    from_cache: bool
    seconds: float


def build_harness(*, force: bool = False) -> HarnessBuild:
    """Return the launcher's class path, building it with Maven only if needed.

    The cache key is a hash of ``pom.xml`` and the Java sources, so editing
    either triggers one rebuild; otherwise Maven is not called.  A cached
    class path whose jars have gone (e.g. a wiped ``~/.m2``) is rebuilt too.
    """
    started = time.monotonic()
    target = CACHE_DIR / _source_hash()[:16]
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(CACHE_DIR / ".lock"):
        if not force:
            classpath = _cached_classpath(target)
            if classpath is not None:
                return HarnessBuild(classpath, target, True, time.monotonic() - started)
        _log.info("building the Neo4j harness with Maven into %s (first run only)", target)
        classpath = _maven_build(target)
        _prune_other_builds(keep=target)
    return HarnessBuild(classpath, target, False, time.monotonic() - started)


def _source_hash() -> str:
    pom = HARNESS_DIR / "pom.xml"
    if not pom.is_file():
        raise Neo4jUnavailable(f"the Neo4j harness project is missing: {pom} does not exist")
    files = [pom, *sorted(p for p in (HARNESS_DIR / "src").rglob("*") if p.is_file())]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(HARNESS_DIR).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _cached_classpath(target: Path) -> str | None:
    try:
        stamp = json.loads((target / _STAMP_NAME).read_text(encoding="utf-8"))
        classpath = stamp["classpath"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(classpath, str):
        return None
    entries = [entry for entry in classpath.split(os.pathsep) if entry]
    if not entries or not all(Path(entry).exists() for entry in entries):
        _log.info("cached Neo4j harness class path in %s is stale; rebuilding", target)
        return None
    return classpath


def _maven_build(target: Path) -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jUnavailable(
            "Maven ('mvn') is not on PATH; it is needed once to build the Neo4j test "
            f"harness in {HARNESS_DIR} (or set NEO4J_URI to use an existing server)"
        )
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    classpath_file = target / "classpath.txt"
    log_file = target / "maven.log"
    command = [
        mvn, "-B", "-q", "-Dstyle.color=never",
        "-f", str(HARNESS_DIR / "pom.xml"),
        "package", "dependency:build-classpath",
        f"-Dharness.buildDirectory={target / 'target'}",
        f"-Dmdep.outputFile={classpath_file}",
    ]
    try:
        with log_file.open("w", encoding="utf-8") as log:
            completed = subprocess.run(
                command, cwd=HARNESS_DIR, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, timeout=_MAVEN_TIMEOUT_S, check=False,
            )
    except subprocess.TimeoutExpired:
        raise Neo4jUnavailable(
            f"Maven did not finish building the Neo4j harness within {_MAVEN_TIMEOUT_S:.0f} s; "
            f"last lines of {log_file}:\n{_file_tail(log_file)}"
        ) from None
    except OSError as exc:
        raise Neo4jUnavailable(f"could not run Maven ({mvn}): {exc}") from exc
    if completed.returncode != 0:
        raise Neo4jUnavailable(
            f"Maven failed to build the Neo4j harness (exit code {completed.returncode}); "
            f"last lines of {log_file}:\n{_file_tail(log_file)}"
        )
    jar = target / "target" / _JAR_NAME
    if not jar.is_file() or not classpath_file.is_file():
        raise Neo4jUnavailable(
            f"Maven succeeded but did not produce {jar} and {classpath_file}; "
            f"last lines of {log_file}:\n{_file_tail(log_file)}"
        )
    dependencies = classpath_file.read_text(encoding="utf-8").strip()
    classpath = os.pathsep.join(filter(None, [str(jar), dependencies]))
    stamp = {"classpath": classpath, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    (target / _STAMP_NAME).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    return classpath


def _prune_other_builds(keep: Path) -> None:
    for child in CACHE_DIR.iterdir():
        if child.is_dir() and child != keep:
            shutil.rmtree(child, ignore_errors=True)


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """Serialise builds between concurrent test processes (POSIX only)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no locking
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _file_tail(path: Path, lines: int = _TAIL_LINES) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            tail = deque(handle, maxlen=lines)
    except OSError as exc:
        return f"(could not read {path}: {exc})"
    return _ANSI_ESCAPE.sub("", "".join(tail)).rstrip() or "(no output)"


# --------------------------------------------------------------------------
# Running the launcher
# --------------------------------------------------------------------------


class _PortTaken(Exception):
    """The chosen port was grabbed by someone else before Neo4j bound it."""


class _OutputPump:
    """Drains one pipe of the child in a thread, keeping the last lines."""

    def __init__(self, stream: IO[str], *, watch_prefix: str | None = None) -> None:
        self.lines: deque[str] = deque(maxlen=200)
        self.match: str | None = None
        self.matched = threading.Event()
        self._stream = stream
        self._prefix = watch_prefix
        self._thread = threading.Thread(target=self._run, daemon=True, name="neo4j-harness-pipe")
        self._thread.start()

    def _run(self) -> None:
        with contextlib.suppress(ValueError, OSError):
            for raw in self._stream:
                line = raw.rstrip("\r\n")
                self.lines.append(line)
                if self._prefix and self.match is None and line.startswith(self._prefix):
                    self.match = line
                    self.matched.set()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)


class HarnessProcess:
    """The Java launcher as a subprocess; use as a context manager.

    ``start()`` builds (or reuses) the launcher, starts it on a free port and
    returns the :class:`Neo4jSettings` once Bolt accepts connections.
    """

    def __init__(self, *, start_timeout: float = _START_TIMEOUT_S) -> None:
        self.start_timeout = start_timeout
        self.build: HarnessBuild | None = None
        self.startup_seconds: float | None = None
        self._password = secrets.token_urlsafe(24)
        self._settings: Neo4jSettings | None = None
        self._process: subprocess.Popen[str] | None = None
        self._pumps: list[_OutputPump] = []
        self._run_dir: Path | None = None

    @property
    def settings(self) -> Neo4jSettings:
        if self._settings is None:
            raise RuntimeError("the Neo4j harness is not running; call start() first")
        return self._settings

    def __enter__(self) -> HarnessProcess:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> Neo4jSettings:
        if self._settings is not None:
            return self._settings
        self.build = build_harness()
        java = find_java()
        started = time.monotonic()
        for attempt in range(1, _PORT_ATTEMPTS + 1):
            port = _free_port()
            try:
                uri = self._start_once(java, self.build.classpath, port)
            except _PortTaken:
                _log.info("port %d was taken before Neo4j could bind it (attempt %d)", port, attempt)
                continue
            except BaseException:  # e.g. KeyboardInterrupt while waiting: leave no server behind
                self.stop(graceful=False)
                raise
            self.startup_seconds = time.monotonic() - started
            self._settings = Neo4jSettings(uri, "neo4j", self._password, "neo4j")
            _log.info("Neo4j harness ready at %s after %.1f s", uri, self.startup_seconds)
            return self._settings
        raise Neo4jUnavailable(
            f"could not start the Neo4j harness: {_PORT_ATTEMPTS} free ports were all taken "
            "before Neo4j could bind them"
        )

    def stop(self, *, graceful: bool = True) -> None:
        """Stop the launcher: close its stdin (graceful) or send SIGTERM; kill if it lingers."""
        process, self._process = self._process, None
        self._settings = None
        if process is not None:
            _stop_process(process, graceful=graceful)
        for pump in self._pumps:
            pump.join(timeout=5)
        self._pumps = []
        if self._run_dir is not None:
            shutil.rmtree(self._run_dir, ignore_errors=True)
            self._run_dir = None

    def _start_once(self, java: str, classpath: str, port: int) -> str:
        self._run_dir = Path(tempfile.mkdtemp(prefix="graphmodel-neo4j-"))
        command = [
            java,
            *_java_opts(),
            f"-Djava.io.tmpdir={self._run_dir}",
            "-cp", classpath,
            _MAIN_CLASS,
            str(port),  # the password goes through the environment, not argv
        ]
        env = dict(os.environ)
        env[_PASSWORD_ENV] = self._password
        try:
            self._process = subprocess.Popen(
                command, cwd=self._run_dir, env=env, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, encoding="utf-8", errors="replace",
            )
        except OSError as exc:
            self.stop()
            raise Neo4jUnavailable(f"could not run Java ({java}): {exc}") from exc
        assert self._process.stdout is not None and self._process.stderr is not None
        stdout = _OutputPump(self._process.stdout, watch_prefix="READY ")
        stderr = _OutputPump(self._process.stderr)
        self._pumps = [stdout, stderr]

        deadline = time.monotonic() + self.start_timeout
        while not stdout.matched.wait(0.2):
            if self._process.poll() is not None or time.monotonic() > deadline:
                break
        if stdout.match is not None:
            return stdout.match.split(" ", 1)[1].strip()

        exit_code = self._process.poll()
        # Still starting (timed out): it reads stdin only once ready, so use SIGTERM.
        self.stop(graceful=False)  # also drains the pipes
        output = self._redact("\n".join([*stdout.lines, *stderr.lines][-_TAIL_LINES:]))
        if "Address already in use" in output or "BindException" in output:
            raise _PortTaken
        if exit_code is None:
            what = f"did not report READY within {self.start_timeout:.0f} s"
        else:
            what = f"exited with code {exit_code} before it was ready"
        raise Neo4jUnavailable(
            f"the Neo4j harness ({_MAIN_CLASS} on 127.0.0.1:{port}) {what}; "
            f"last lines of its output:\n{output or '(no output)'}"
        )

    def _redact(self, text: str) -> str:
        return text.replace(self._password, "********")


def find_java() -> str:
    """Path of the ``java`` executable (``JAVA_HOME`` first, then PATH)."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / ("java.exe" if os.name == "nt" else "java")
        if candidate.is_file():
            return str(candidate)
    java = shutil.which("java")
    if java is None:
        raise Neo4jUnavailable(
            "Java is not installed (no 'java' on PATH or in JAVA_HOME); the Neo4j 5.26 "
            "test harness needs a JDK 17 or 21 (or set NEO4J_URI to use an existing server)"
        )
    return java


def _java_opts() -> list[str]:
    extra = os.environ.get(_JAVA_OPTS_ENV, "").split()
    return [*_DEFAULT_JAVA_OPTS, *extra]  # later options win, so extra overrides defaults


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop_process(process: subprocess.Popen[str], *, graceful: bool) -> None:
    with contextlib.suppress(OSError, ValueError):
        if process.stdin is not None:
            process.stdin.close()  # a ready launcher shuts Neo4j down on EOF
    if graceful:
        try:
            process.wait(timeout=_STOP_TIMEOUT_S)
            return
        except subprocess.TimeoutExpired:
            _log.warning("Neo4j harness did not stop within %.0f s; terminating", _STOP_TIMEOUT_S)
    if process.poll() is not None:
        return
    process.terminate()  # the launcher's shutdown hook closes Neo4j cleanly
    try:
        process.wait(timeout=15)
        return
    except subprocess.TimeoutExpired:
        _log.warning("Neo4j harness ignored SIGTERM; killing it")
    process.kill()
    process.wait(timeout=15)


# --------------------------------------------------------------------------
# Settings, driver and cleaning
# --------------------------------------------------------------------------


@contextlib.contextmanager
def neo4j_settings(*, start_timeout: float = _START_TIMEOUT_S) -> Iterator[Neo4jSettings]:
    """Yield ``(uri, user, password, database)`` of a usable server.

    Uses ``NEO4J_URI`` & co. when set, otherwise starts the harness and stops
    it when the ``with`` block ends.  Raises :class:`Neo4jUnavailable`.
    """
    external = settings_from_env()
    if external is not None:
        yield external
        return
    with HarnessProcess(start_timeout=start_timeout) as harness:
        yield harness.settings


@dataclass(frozen=True)
class Neo4jServer:
    """A reachable server: its settings plus a verified ``neo4j`` driver."""

    settings: Neo4jSettings
    driver: Any  # neo4j.Driver; typed loosely so this module imports without the driver
    harness: HarnessProcess | None = field(default=None, repr=False)

    @property
    def uri(self) -> str:
        return self.settings.uri

    @property
    def user(self) -> str:
        return self.settings.user

    @property
    def password(self) -> str:
        return self.settings.password

    @property
    def database(self) -> str:
        return self.settings.database

    def session(self, **config: Any) -> Any:
        """A driver session on :attr:`database`."""
        return self.driver.session(database=self.database, **config)


@contextlib.contextmanager
def open_neo4j_server(*, start_timeout: float = _START_TIMEOUT_S) -> Iterator[Neo4jServer]:
    """Yield a :class:`Neo4jServer` whose driver has run ``RETURN 1`` successfully."""
    try:
        import neo4j
    except ImportError:
        raise Neo4jUnavailable(
            "the neo4j Python driver is not installed: pip install 'neo4j>=5.26,<7' "
            "(it is in the project's 'test' extra)"
        ) from None
    with contextlib.ExitStack() as stack:
        harness: HarnessProcess | None = None
        settings = settings_from_env()
        if settings is None:
            harness = stack.enter_context(HarnessProcess(start_timeout=start_timeout))
            settings = harness.settings
        try:
            driver = neo4j.GraphDatabase.driver(settings.uri, auth=settings.auth)
        except (neo4j.exceptions.DriverError, ValueError) as exc:
            raise Neo4jUnavailable(f"cannot create a neo4j driver for {settings.uri!r}: {exc}") from exc
        stack.enter_context(driver)
        _check_connection(driver, settings, from_env=harness is None)
        yield Neo4jServer(settings, driver, harness)


def _check_connection(driver: Any, settings: Neo4jSettings, *, from_env: bool) -> None:
    from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable

    source = "NEO4J_URI" if from_env else "the Neo4j harness"
    try:
        # No execute_query here: its retries would hide an unreachable server for ~30 s.
        driver.verify_connectivity()
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except AuthError as exc:
        hint = " (check NEO4J_USERNAME / NEO4J_PASSWORD)" if from_env else ""
        raise Neo4jUnavailable(
            f"Neo4j at {settings.uri} ({source}) rejected user {settings.user!r}{hint}: {exc.message}"
        ) from exc
    except ServiceUnavailable as exc:
        raise Neo4jUnavailable(f"cannot reach Neo4j at {settings.uri} ({source}): {exc}") from exc
    except ClientError as exc:
        raise Neo4jUnavailable(
            f"Neo4j at {settings.uri} ({source}) refused to run a query on database "
            f"{settings.database!r}: {exc.code}: {exc.message}"
        ) from exc
    except (Neo4jError, DriverError, ValueError) as exc:
        raise Neo4jUnavailable(
            f"Neo4j at {settings.uri} ({source}) is not usable: {type(exc).__name__}: {exc}"
        ) from exc


def clean_database(driver: Any, database: str, *, batch_size: int = 10_000) -> None:
    """Drop all constraints and indexes (except the built-in lookup ones) and all data."""
    constraints = driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database)
    for record in constraints.records:
        driver.execute_query(
            f"DROP CONSTRAINT {_quote_name(record['name'])} IF EXISTS", database_=database
        )
    indexes = driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name", database_=database
    )
    for record in indexes.records:
        driver.execute_query(f"DROP INDEX {_quote_name(record['name'])} IF EXISTS", database_=database)
    while True:
        deleted = driver.execute_query(
            "MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",
            batch=batch_size,
            database_=database,
        ).records[0]["deleted"]
        if deleted == 0:
            break


def _quote_name(name: str) -> str:
    """Backtick-quote a schema name for Cypher.

    >>> _quote_name("a`b")
    '`a``b`'
    """
    return "`" + name.replace("`", "``") + "`"
