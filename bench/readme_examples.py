"""The README's example sessions, produced by running them: ``python bench/readme_examples.py [--write]``.

A session in README.md is a fenced block right after a marker line ``<!-- session: NAME -->``. Its
``$ …`` lines are the commands (run by bash in the repository, with this Python's ``graphmodel`` first on
the PATH, stdout only — warnings go to stderr, as in a terminal that hides them); what follows each
command, up to the next one, is its output. This script runs the commands and rebuilds every block
from what they print. Without ``--write`` it prints the sessions that differ from the README (exit 1
when one does); with ``--write`` it writes them into README.md. ``tests/test_readme.py`` runs the same
check, so the README never drifts from the program.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Session", "sessions", "run_session", "render", "normalise", "ROOT", "README"]

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

_SESSION = re.compile(r"^<!-- session: (?P<name>[\w-]+) -->\n(?P<fence>```\w*)\n(?P<body>.*?)^```$", re.S | re.M)


@dataclass(frozen=True)
class Session:
    """One example block of the README: its name, its fence line, its commands and its text."""

    name: str
    fence: str
    commands: tuple[str, ...]
    text: str
    start: int
    end: int


def sessions(readme: str) -> list[Session]:
    """The marked sessions of the README text, in order."""
    out = []
    for m in _SESSION.finditer(readme):
        body = m.group("body")
        commands = tuple(line[2:] for line in body.splitlines() if line.startswith("$ "))
        out.append(Session(m.group("name"), m.group("fence"), commands, body, m.start("body"), m.end("body")))
    return out


def run_session(commands: tuple[str, ...]) -> str:
    """Run the commands one by one in the repository; return the block: each ``$ command`` and its stdout."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               COLUMNS="200", NO_COLOR="1")
    parts = []
    for command in commands:
        result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=300)
        parts.append(f"$ {command}\n{result.stdout}")
    return "\n".join(part.rstrip("\n") + "\n" for part in parts)


def normalise(text: str) -> str:
    """Text compared whitespace-insensitively: runs of spaces and tabs are one space; no trailing space or blank lines."""
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line)


def render(readme: str) -> tuple[str, list[str]]:
    """The README with every session rebuilt from the real output, and the names of those that changed."""
    changed, out, last = [], [], 0
    for session in sessions(readme):
        fresh = run_session(session.commands)
        if normalise(fresh) != normalise(session.text):
            changed.append(session.name)
        out += [readme[last:session.start], fresh]
        last = session.end
    out.append(readme[last:])
    return "".join(out), changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write the sessions into README.md")
    args = parser.parse_args(argv)
    readme = README.read_text(encoding="utf-8")
    fresh, changed = render(readme)
    if args.write:
        if fresh != readme:
            README.write_text(fresh, encoding="utf-8")
        print(f"README.md: {len(sessions(readme))} sessions, rewritten: {', '.join(changed) or 'none'}")
        return 0
    for session in sessions(fresh):
        if session.name in changed:
            print(f"--- session {session.name} differs; the real output is:\n{session.text}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
