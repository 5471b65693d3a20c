"""The flat forms of the graph (GraphML, neo4j-admin CSV, Neo4j properties) keep every part of the evidence."""

from __future__ import annotations

import csv

import networkx as nx

from graphmodel.export import flat_properties, to_graphml
from graphmodel.neo4j.admin_import import write_import_files
from graphmodel.neo4j.writer import _props


def _pdf_graph() -> nx.MultiDiGraph:
    """A task read from a PDF table cell, led by an official named in running text of another page."""
    g = nx.MultiDiGraph()
    g.add_node("甲/Task/1", label="Task", name="修路", subdistrict="甲", number=1,
               evidence={"file": "p.pdf", "line": 30, "page": 3, "table": 1, "row": 2})
    g.add_node("甲/Official/张三", label="Official", name="张三", subdistrict="甲", role="组长", titles=["主任"],
               evidence={"file": "p.pdf", "line": 4, "page": 1,
                         "also": [{"file": "p.docx", "line": 5, "table": 1, "row": 1, "cell": 2}]})
    g.add_edge("甲/Official/张三", "甲/Task/1", key="LEADS", type="LEADS",
               evidence={"file": "p.pdf", "line": 30, "page": 3, "table": 1, "row": 2, "cell": 5})
    return g


def test_flat_properties_spell_out_each_part_of_the_evidence():
    node = flat_properties(_pdf_graph().nodes["甲/Task/1"], skip=("label",))
    assert node == {"name": "修路", "subdistrict": "甲", "number": 1, "evidence_file": "p.pdf", "evidence_line": 30,
                    "evidence_page": 3, "evidence_table": 1, "evidence_row": 2}
    official = flat_properties(_pdf_graph().nodes["甲/Official/张三"])
    assert official["titles"] == ["主任"] and official["evidence_page"] == 1
    assert official["evidence_also"] == '[{"file": "p.docx", "line": 5, "table": 1, "row": 1, "cell": 2}]'
    assert "evidence_table" not in official  # a part the fact does not have is not invented


def test_graphml_neo4j_and_csv_carry_the_page_and_cell(tmp_path):
    g = _pdf_graph()
    back = nx.read_graphml(_write(tmp_path / "g.graphml", to_graphml(g)))
    edge = next(iter(back.edges(data=True)))[2]
    assert (edge["evidence_page"], edge["evidence_row"], edge["evidence_cell"]) == (3, 2, 5)
    assert back.nodes["甲/Official/张三"]["titles"] == '["主任"]'  # GraphML holds no lists: JSON text
    assert _props(g.edges["甲/Official/张三", "甲/Task/1", "LEADS"], ("type",)) == {
        "evidence_file": "p.pdf", "evidence_line": 30, "evidence_page": 3, "evidence_table": 1, "evidence_row": 2,
        "evidence_cell": 5}
    write_import_files(g, tmp_path / "csv")
    with (tmp_path / "csv" / "relationships_LEADS.csv").open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["evidence_page:long"] == "3" and row["evidence_cell:long"] == "5"
    with (tmp_path / "csv" / "nodes_Task.csv").open(encoding="utf-8") as fh:
        (task,) = list(csv.DictReader(fh))
    assert task["evidence_table:long"] == "1" and "evidence_cell:long" not in task


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path
