"""``.env.example`` is what the README says: a file to copy to ``.env`` and source into the shell, and docker compose's ``.env``."""

from __future__ import annotations

import re
import subprocess

from _plans import ROOT

EXAMPLE = ROOT / ".env.example"


def test_env_example_can_be_sourced_and_its_two_passwords_agree():
    # As the README does it, in a clean environment: any syntax error stops the shell (set -e) before the print.
    done = subprocess.run(
        ["bash", "-c", "set -e; set -a; . ./.env.example; set +a; "
                       "printf '%s\\n' \"$NEO4J_AUTH\" \"$NEO4J_URI\" \"$NEO4J_USERNAME\" \"$NEO4J_PASSWORD\" \"$NEO4J_DATABASE\""],
        cwd=ROOT, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    auth, uri, user, password, database = done.stdout.splitlines()
    assert auth == f"{user}/{password}" and len(password) >= 8  # Neo4j refuses shorter passwords
    assert (uri, user, database) == ("bolt://localhost:7687", "neo4j", "neo4j")


def test_env_example_lines_are_plain_assignments_docker_compose_reads():
    for number, line in enumerate(EXAMPLE.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*=(\"[^\"$`\\]*\"|[^\s\"'$`<>|;&()]*)", line), f".env.example:{number}: {line}"


def test_the_readme_sources_env_as_tested():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "cp .env.example .env" in readme and "set -a; . ./.env; set +a" in readme


def test_docker_compose_confines_load_csv_as_neo4j_start_does():
    """The settings that keep Cypher off the machine are the same in docker-compose.yml and the launcher."""
    launcher = (ROOT / "graphmodel/neo4j/launcher/src/main/java/graphmodel/server/Launcher.java").read_text("utf-8")
    compose = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    settings = dict(re.findall(r'config\.put\("([\w.]+)", "([^"]*)"\)', launcher))
    settings = {name: settings[name] for name in ("dbms.security.allow_csv_import_from_file_urls",
                                                  "internal.dbms.cypher_ip_blocklist",
                                                  "dbms.security.procedures.allowlist",
                                                  "dbms.security.procedures.unrestricted")}
    for name, value in settings.items():
        variable = "NEO4J_" + name.replace("_", "__").replace(".", "_")
        assert re.search(rf'^\s+{variable}: "{re.escape(value)}"$', compose, re.M), variable
    assert 'config.put("server.directories.import", home.resolve("import")' in launcher
    assert re.search(r"^\s+NEO4J_server_directories_import: /import$", compose, re.M)
