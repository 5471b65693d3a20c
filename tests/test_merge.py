"""Several documents about one body: the same plan twice is read once, two versions of one plan are refused."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from _plans import JINYANG, ROOT, WEIFANG, graph_of
from graphmodel import build_graph, to_dict
from graphmodel.cli import app
from graphmodel.errors import PlanError
from graphmodel.labels import notice
from loaders import read_plans
from loaders.stream import map_plans

runner = CliRunner()


@pytest.fixture
def copies(tmp_path):
    """金杨's plan as UTF-8, as a GB18030 copy, and a second version in which one official's role differs."""
    text = JINYANG.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b-gbk.txt").write_bytes(text.encode("gb18030"))
    changed = text.replace("常务副组长", "副组长", 1)
    assert changed != text
    (tmp_path / "c-v2.txt").write_bytes(changed.encode("utf-8"))
    return tmp_path


def _count(graph, label):
    return sum(1 for _, d in graph.nodes(data=True) if d["label"] == label)


def test_same_plan_twice_is_read_once_with_a_warning(copies):
    a, b = copies / "a.txt", copies / "b-gbk.txt"
    models = list(read_plans([a, b]))
    assert len(models) == 1
    assert any(str(b) in notice(w) and str(a) in notice(w) and "只读一次" in notice(w) for w in models[0].warnings)
    assert any(notice(w, "en").endswith(f"the same content as {a} (the same document): read once")
               for w in models[0].warnings)
    once, alone = build_graph(models), graph_of(JINYANG)
    assert once.number_of_nodes() == alone.number_of_nodes()
    assert once.number_of_edges() == alone.number_of_edges()
    # the evidence names the first file only: the duplicate was not read into the graph
    assert {d["evidence"]["file"] for _, d in once.nodes(data=True)} == {str(a)}


def test_two_versions_of_one_plan_are_an_error_naming_both(copies):
    a, c = copies / "a.txt", copies / "c-v2.txt"
    with pytest.raises(PlanError) as err:
        list(read_plans([a, c]))
    assert str(c) in str(err.value) and str(a) in str(err.value)
    assert str(a) in err.value.message("en") and "different document" in err.value.message("en")


def test_two_versions_merge_when_asked(copies):
    a, c = copies / "a.txt", copies / "c-v2.txt"
    (model,) = read_plans([a, c], merge=True)
    assert model.files == [str(a), str(c)]
    graph = build_graph([model])
    official = next(d for _, d in graph.nodes(data=True) if d["label"] == "Official" and d["role"] == "常务副组长")
    # the official whose role changed is one node, read from both documents
    assert [e["file"] for e in official["evidence"].get("also", [])] == [str(c)]
    assert official["evidence"]["file"] == str(a)


@pytest.mark.parametrize("workers", [1, 2])
def test_stream_reads_a_body_once(copies, workers):
    paths = [copies / "a.txt", WEIFANG, copies / "b-gbk.txt"]
    out = list(map_plans(paths, _summary, workers=workers))
    assert [r[0] for r, _ in out] == [["金杨新村街道"], ["潍坊新村街道"]]
    assert out[0][0][1] == graph_of(JINYANG).number_of_nodes()
    assert any(w.kind == "same-document" for w in out[0][1]) and not any(w.kind == "same-document" for w in out[1][1])


def test_stream_in_parallel_refuses_two_versions(copies):
    with pytest.raises(PlanError, match="c-v2.txt"):
        list(map_plans([copies / "a.txt", copies / "c-v2.txt"], _count_nodes, workers=2))


def _summary(graph):
    return sorted({d["subdistrict"] for _, d in graph.nodes(data=True)}), graph.number_of_nodes()


def _count_nodes(graph):
    return graph.number_of_nodes()


def test_cli_export_and_ingest_say_so(copies):
    a, b, c = copies / "a.txt", copies / "b-gbk.txt", copies / "c-v2.txt"
    result = runner.invoke(app, ["export", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["nodes"]) == len(to_dict(graph_of(JINYANG))["nodes"])
    assert "只读一次" in result.stderr and str(b) in result.stderr
    result = runner.invoke(app, ["ingest", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["subdistrict"] for r in json.loads(result.stdout)] == ["金杨新村街道"]
    result = runner.invoke(app, ["ingest", str(a), str(c)])
    assert result.exit_code == 2
    assert str(c) in result.stderr and str(a) in result.stderr and "Traceback" not in result.output


def test_two_documents_of_one_layout_with_different_titles_are_one_graph(tmp_path):
    """A district publishes several 责任分解表: different documents (titles), not versions of one."""
    text = (ROOT / "tests" / "fixtures" / "tables" / "district_duty_pipe.txt").read_text(encoding="utf-8")
    other = text.replace("优化营商环境重点任务责任分解表", "城市更新重点任务责任分解表").replace("18号", "25号")
    other = other.replace("推行企业开办“一日办结”，全面压缩办理时间。", "完成15个老旧小区综合改造。")
    assert other != text
    (tmp_path / "营商.txt").write_text(text, encoding="utf-8")
    (tmp_path / "更新.txt").write_text(other, encoding="utf-8")
    (model,) = read_plans([tmp_path / "营商.txt", tmp_path / "更新.txt"])
    assert model.files == [str(tmp_path / "营商.txt"), str(tmp_path / "更新.txt")]
    assert [w.kind for w in model.warnings if hasattr(w, "kind")] == ["documents-merged"]
    plans = sorted(e.title for e in model.of_label("Plan"))
    assert plans == ["青溪区2025年优化营商环境重点任务责任分解表", "青溪区2025年城市更新重点任务责任分解表"]
    # task 1 differs: two tasks; tasks 2-6 are worded alike in both: one task each, read from both documents
    tasks = model.of_label("Task")
    assert sorted(t.id for t in tasks) == ["青溪区/Task/1", "青溪区/Task/1@2", *(f"青溪区/Task/{n}" for n in range(2, 7))]
    assert all([a.file for a in t.evidence.also] == [str(tmp_path / "更新.txt")] for t in tasks if t.number != 1)
    result = runner.invoke(app, ["ingest", str(tmp_path)])
    assert result.exit_code == 0 and "青溪区" in result.stdout
