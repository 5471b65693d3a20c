"""The export contract as a schema (graphmodel/contract.py): every export validates, a broken one is named item by item."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from _formats import synthetic, synthetic_layouts, synthetic_lists, synthetic_tables
from _plans import JINYANG, WEIFANG
from graphmodel import build_graph, to_dict
from graphmodel.cli import app
from graphmodel.contract import read_graph_json, validate_export
from graphmodel.errors import ExportFileError
from graphmodel.resolve import resolve_plan
from loaders import read_plans
from loaders.plan.reader import read_plan_bytes

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


@pytest.fixture(scope="module")
def schema() -> dict:
    result = runner.invoke(app, ["export", "--format", "json-schema"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(printed)
    return printed


def _generated() -> list:
    """One graph per kind of generated document: plans, notices, task tables, task lists."""
    docs = ([synthetic.generate_plan(s) for s in range(4)] + [synthetic_layouts.generate_notice(s) for s in range(4)]
            + [synthetic_tables.generate_table(s) for s in range(4)] + [synthetic_lists.generate_list(s) for s in range(4)])
    return [build_graph([resolve_plan(read_plan_bytes(d.text.encode("utf-8"), d.file_name))]) for d in docs]


def _exports() -> list[tuple[str, dict]]:
    """Every kind of export the tests make: the bundled plans, each fixture document, the merged documents,
    generated documents of every layout."""
    out = [("bundled", to_dict(build_graph(read_plans([JINYANG, WEIFANG]))))]
    fixtures = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".html") and p.parent.name != "multi")
    out += [(p.name, to_dict(build_graph(read_plans([p])))) for p in fixtures]
    out.append(("multi", to_dict(build_graph(read_plans([FIXTURES / "notices" / "town_yunxi.txt",
                                                         FIXTURES / "multi" / "yunxi_tasks.txt"])))))
    out += [(f"generated {i}", to_dict(g)) for i, g in enumerate(_generated())]
    return out


def test_every_export_validates_against_the_printed_schema(schema):
    validator = jsonschema.Draft202012Validator(schema)
    exports = _exports()
    assert len(exports) > 30
    for name, data in exports:
        errors = [f"{name}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [] and validate_export(data) == [], errors[:3] or validate_export(data)[:3]
    edges = [e for _, data in exports for e in data["edges"]]
    assert any(e.get("inherited") for e in edges)  # a property the contract says an edge may carry


def test_the_cli_export_validates_and_reads_back_as_the_same_graph(schema, tmp_path):
    out = tmp_path / "graph.json"
    assert runner.invoke(app, ["export", str(JINYANG), "-o", str(out)]).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert to_dict(read_graph_json(out)) == data


def test_the_schema_refuses_what_the_contract_forbids(schema):
    data = to_dict(build_graph(read_plans([JINYANG])))
    opened = json.loads(json.dumps(data))
    lead = next(e for e in opened["edges"] if e["type"] == "LEADS")
    lead |= {"as_written": "牵头领导", "inherited": True}  # an edge may carry these (and what comes later)
    lead["evidence"]["corrected"] = "review.xlsx:7"
    jsonschema.validate(opened, schema)
    assert validate_export(opened) == []
    broken = json.loads(json.dumps(data))
    broken["nodes"][0]["label"] = "Person"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    broken = json.loads(json.dumps(data))
    broken["edges"][0]["type"] = "OWNS"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def _broken(tmp_path) -> tuple[Path, dict]:
    data = to_dict(build_graph(read_plans([JINYANG])))
    task = next(i for i, n in enumerate(data["nodes"]) if n["label"] == "Task")
    official = next(i for i, n in enumerate(data["nodes"]) if n["label"] == "Official")
    data["nodes"][task]["number"] = "三"
    del data["nodes"][official]["evidence"]["line"]
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, {"task": (task, data["nodes"][task]["id"]), "official": (official, data["nodes"][official]["id"])}


def test_a_broken_export_gets_one_line_per_bad_item_naming_it(tmp_path):
    path, bad = _broken(tmp_path)
    with pytest.raises(ExportFileError) as caught:
        read_graph_json(path)
    lines = caught.value.lines
    assert len(lines) == 2
    task, official = bad["task"], bad["official"]
    assert lines[0].startswith(f"{path}: nodes[{official[0]}].evidence.line (id {official[1]}): Field required")
    assert lines[1].startswith(f"{path}: nodes[{task[0]}].number (id {task[1]}): ") and '"三"' in lines[1]


@pytest.mark.parametrize("argv", [["load"], ["show", "蔡斌"], ["audit"]])
def test_commands_given_a_broken_export_say_each_bad_item_and_exit_2(tmp_path, argv):
    path, bad = _broken(tmp_path)
    result = runner.invoke(app, [*argv, str(path), "--lang", "en"] if argv != ["load"] else ["load", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(ln.startswith(("error: ", "错误：")) for ln in lines)
    assert f"nodes[{bad['task'][0]}].number" in lines[1]


def test_an_edge_to_no_node_and_a_file_that_is_no_json(tmp_path):
    data = to_dict(build_graph(read_plans([JINYANG])))
    data["edges"][5]["target"] = "金杨新村街道/Task/99"
    assert validate_export(data) == ["edges[5].target: no node has the id '金杨新村街道/Task/99'"]
    path = tmp_path / "graph.json"
    path.write_text("{\n  \"nodes\": [", encoding="utf-8")
    result = runner.invoke(app, ["show", "蔡斌", str(path), "--lang", "en"])
    assert result.exit_code == 2 and result.stderr.strip() == f"error: {path}: line 2 is not valid JSON: Expecting value"


def test_analyses_read_an_export_as_they_read_the_plans(tmp_path):
    out = tmp_path / "graph.json"
    runner.invoke(app, ["export", str(JINYANG), "-o", str(out)])
    from_export = runner.invoke(app, ["audit", str(out), "--format", "json"])
    from_plan = runner.invoke(app, ["audit", str(JINYANG), "--format", "json"])
    assert from_export.exit_code == 0 and json.loads(from_export.stdout) == json.loads(from_plan.stdout)
    shown = runner.invoke(app, ["show", "林长办", str(out)])
    assert shown.exit_code == 0 and "RESPONSIBLE_FOR" not in shown.stdout and "作为责任部门负责任务" in shown.stdout
