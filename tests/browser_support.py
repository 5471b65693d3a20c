"""A real headless browser for the tests: Debian's chromium, installed where missing, driven by Playwright.

``chromium_path`` (session) finds ``/usr/bin/chromium``; where it is missing and the tests run as
root with ``apt-get`` at hand, it runs ``apt-get update`` and ``apt-get install -y
--no-install-recommends chromium`` once (under a file lock, each step bounded in time), with a
small font that has Chinese glyphs (``fonts-wqy-microhei``) where fontconfig knows none, so that
screenshots of the Chinese report are readable.
``browser`` (session) launches it through Playwright with that executable (never
``playwright install``, which downloads a browser build of its own). Where no browser can be
had the tests that ask for one are skipped with the reason, unless ``REQUIRE_BROWSER=1`` is
set: then they fail with it.

The fixtures are registered once, in ``conftest.py`` (a second sync Playwright in the same thread fails):
ask for ``browser`` or ``chromium_path`` in a test; do not import them into a test module.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["BrowserUnavailable", "CHROMIUM_ARGS", "find_chromium", "has_cjk_font", "ensure_chromium",
           "chromium_path", "browser"]

#: Where Debian puts its chromium, then the names to look for on PATH.
_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")

#: Flags for a quiet, offline, sandbox-free headless chromium (the tests run as root).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

_LOCK = Path(tempfile.gettempdir()) / "graphmodel-chromium-install.lock"
_UPDATE_TIMEOUT = 300  # seconds for apt-get update
_INSTALL_TIMEOUT = 900  # seconds for apt-get install chromium
_CJK_FONT = "fonts-wqy-microhei"  # 1.6 MB: Chinese glyphs for the screenshots


class BrowserUnavailable(RuntimeError):
    """No chromium could be found or installed; the message says why."""


def _required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def find_chromium() -> str | None:
    """The path of an installed chromium (``CHROMIUM`` in the environment first), or None."""
    override = os.environ.get("CHROMIUM")
    for name in ((override,) if override else ()) + _CANDIDATES:
        path = name if os.path.isabs(name) and os.access(name, os.X_OK) else shutil.which(name)
        if path:
            return path
    return None


def _run(cmd: list[str], timeout: int) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        done = subprocess.run(cmd, env=env, timeout=timeout, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise BrowserUnavailable(f"`{' '.join(cmd)}` did not finish within {timeout} s") from None
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise BrowserUnavailable(f"`{' '.join(cmd)}` exited {done.returncode}: {' | '.join(tail)}")


def has_cjk_font() -> bool:
    """Whether fontconfig knows a font with Chinese glyphs (without one, the screenshot shows boxes)."""
    if not shutil.which("fc-list"):
        return True  # cannot tell; do not install blindly
    done = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=60)
    return bool(done.stdout.strip())


def ensure_chromium() -> str:
    """Return the path of chromium, installing Debian's package first where it is missing.

    Where apt-get can be used, a small font with Chinese glyphs (``fonts-wqy-microhei``) is
    installed too if fontconfig knows none: the report is in Chinese, and its screenshot should
    be readable. That font is a nicety: failing to install it alone is no error.

    Returns
    -------
    str
        The chromium executable.

    Raises
    ------
    BrowserUnavailable
        When chromium is missing and cannot be installed here (not root, no apt-get, apt-get failed
        or took too long).
    """
    found = find_chromium()
    if found and has_cjk_font():
        return found
    can_install = hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")
    if not can_install:
        if found:
            return found
        if not hasattr(os, "geteuid") or os.geteuid() != 0:
            raise BrowserUnavailable("chromium is not installed and the tests do not run as root to apt-get install it")
        raise BrowserUnavailable("chromium is not installed and there is no apt-get to install it with")
    with open(_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test process may be installing it right now
        try:
            found = find_chromium()
            packages = ([] if found else ["chromium"]) + ([] if has_cjk_font() else [_CJK_FONT])
            if not packages:
                return found
            start = time.monotonic()
            try:
                _run(["apt-get", "update"], _UPDATE_TIMEOUT)
                _run(["apt-get", "install", "-y", "--no-install-recommends", *packages], _INSTALL_TIMEOUT)
            except BrowserUnavailable:
                if found:  # only the font failed
                    return found
                raise
            found = find_chromium()
            if not found:
                raise BrowserUnavailable("apt-get installed chromium but no chromium executable was found")
            print(f"\n[browser_support] apt-get installed {' '.join(packages)} in {time.monotonic() - start:.0f} s")
            return found
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _unavailable(reason: str) -> None:
    if _required():
        pytest.fail(f"REQUIRE_BROWSER=1 but no headless browser is available: {reason}", pytrace=False)
    pytest.skip(f"no headless browser available (set REQUIRE_BROWSER=1 to fail instead): {reason}")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The chromium executable (installed with apt-get where missing)."""
    try:
        path = ensure_chromium()
    except BrowserUnavailable as exc:
        reason = str(exc)  # skip / fail outside the except block: no chained traceback
    else:
        return path
    _unavailable(reason)
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """A Playwright ``Browser`` driving that chromium, headless, for the whole session."""
    reason = ""
    with contextlib.ExitStack() as stack:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            reason = f"playwright is not installed ({exc}); pip install -e '.[test]'"
        else:
            playwright = stack.enter_context(sync_playwright())
            try:
                instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS,
                                                      headless=True, timeout=60_000)
            except Exception as exc:  # noqa: BLE001 — any launch failure is a reason to report
                reason = f"chromium at {chromium_path} did not start under Playwright: {exc}".splitlines()[0]
            else:
                stack.callback(instance.close)
                yield instance
                return
    _unavailable(reason)
