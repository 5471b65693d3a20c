"""The top-level help lists every command with its own one-line help, without importing the commands."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from graphmodel.cli import COMMANDS, app

runner = CliRunner()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_table_help_is_the_commands_own(name):
    group = typer.main.get_command(app)
    ctx = group.make_context("graphmodel", [name], resilient_parsing=True)
    command = group.get_command(ctx, name)
    assert command is not None and command.name == name
    own = "".join(line.strip() for line in (command.help or "").strip().split("\n\n")[0].split("\n"))
    assert own == COMMANDS[name][2]
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0 and COMMANDS[name][2][:10] in result.stdout


def test_help_lists_all_commands_and_imports_none_of_them():
    code = ("import sys; from graphmodel.cli import main; sys.argv = ['graphmodel', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('graphmodel.cli.', 'graphmodel.analysis', 'loaders', 'networkx', 'pydantic', 'neo4j'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for name in COMMANDS:
        assert f"  {name} " in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "['graphmodel.cli._common']"


def test_unknown_command_is_exit_2():
    result = runner.invoke(app, ["nosuch"])
    assert result.exit_code == 2
