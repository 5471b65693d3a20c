"""领导小组 notices as offices really write them: members as "title name" and "name title", several on a line,
names padded, collectives of every shape, 调整 notices, roles given in sentences, the office in its forms, a
工作专班, and the closing parts that are no members — fact by fact, and the same facts in .docx, .html and .pdf."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _formats import render
from graphmodel import build_graph
from graphmodel.merge import fingerprint
from graphmodel.resolve import resolve_plan
from loaders.plan.reader import read_plan_bytes
from loaders.plans import read_plan

FIXTURES = Path(__file__).parent / "fixtures" / "notices"


def _record(name: str):
    return read_plan_bytes((FIXTURES / name).read_bytes(), name)


# Per notice: header facts; (name, role, titles, line) per person; (unit, role, position, line) per unit member;
# the office (seat and its line, leads, deputies); the teams besides the office (name, line, leads, deputies,
# members); the warnings (kind, line, values).
EXPECTED = {
    "county_pingchuan_adjust.txt": dict(
        meta=dict(subdistrict="平川县", level="县", issuer_line=20, title="关于调整平川县城乡建设工作领导小组组成人员的通知",
                  title_line=3, number="平政办发〔2025〕14号", number_line=2, date="2025-03-18", printed="2025-03-18",
                  issuers=("平川县人民政府办公室",), group="平川县城乡建设工作领导小组"),
        officials=[
            ("吕振华", "组长", ("县委副书记", "县长"), 6),
            ("岑静", "副组长", ("副县长",), 7),
            ("蒲建军", "副组长", ("县政府办公室主任",), 8),
            ("孔德明", "成员", ("县住房城乡建设局局长",), 9),
            ("邓凯", "成员", ("县发展改革局局长",), 10),
            ("龚晓燕", "成员", ("县财政局局长",), 10),
            ("阎志刚", "成员", ("县自然资源局局长",), 11),
            ("邝伟", "成员", ("县交通运输局局长",), 11),
            ("蓝海", None, ("县住房城乡建设局副局长",), 15),
            ("符小川", None, ("县城管局副局长",), 15),
        ],
        units=[("各乡镇", "成员", "乡镇长", 12), ("各街道办事处", "成员", "主任", 13),
               ("县直有关部门", "成员", "主要负责人", 14), ("各成员单位", "联络员", "分管负责同志", 15)],
        office=(("县住房城乡建设局", 15), [("孔德明", 15)], [("蓝海", 15), ("符小川", 15)]),
        teams=[],
        warnings=[],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_and_issuer(name):
    record = _record(name)
    assert record.layout == "leading-group-notice"
    for key, value in EXPECTED[name]["meta"].items():
        assert getattr(record.meta, key) == value, key


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_officials_with_role_titles_and_line(name):
    assert [(o.name, o.role, o.titles, o.line) for o in _record(name).officials] == EXPECTED[name]["officials"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_member_units_with_role_position_and_line(name):
    record = _record(name)
    assert [(u.name, u.role, u.position, u.line) for u in record.member_units] == EXPECTED[name]["units"]
    assert not {o.name for o in record.officials} & {u.name for u in record.member_units}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_office_and_the_teams(name):
    teams = _record(name).teams
    offices = [t for t in teams if t.name == "领导小组办公室"]
    seat, leads, deputies = EXPECTED[name]["office"]
    (office,) = offices
    assert ((office.seat.name, office.seat.line) if office.seat else None) == seat
    assert [(m.name, m.line) for m in office.leads] == leads
    assert [(m.name, m.line) for m in office.deputies] == deputies
    others = [(t.name, t.line, [(m.name, m.line) for m in t.leads], [(m.name, m.line) for m in t.deputies],
               [(m.name, m.line) for m in t.members]) for t in teams if t.name != "领导小组办公室"]
    assert others == EXPECTED[name]["teams"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_what_cannot_be_placed_is_said_and_closing_parts_are_no_members(name):
    record = _record(name)
    got = [(w.kind, w.line, w.values) for w in record.warnings if not isinstance(w, str)]
    assert got == EXPECTED[name]["warnings"]
    assert record.tasks == ()  # 主要职责 are duties, not tasks
    said = {o.name for o in record.officials} | {u.name for u in record.member_units}
    assert not any(("替补" in s or "抄送" in s or "办公室" in s and "人民政府" in s) for s in said)


def test_collectives_are_collective_in_the_graph():
    graph = build_graph([resolve_plan(_record("county_pingchuan_adjust.txt"))])
    plan = "平川县/Plan/平政办发〔2025〕14号"
    for unit, position in (("各乡镇", "乡镇长"), ("县直有关部门", "主要负责人"), ("各成员单位", "分管负责同志")):
        assert graph.nodes[f"平川县/Unit/{unit}"]["collective"] is True
        assert graph.edges[f"平川县/Unit/{unit}", plan, "MEMBER_OF"]["position"] == position
    assert graph.edges["平川县/Unit/各成员单位", plan, "MEMBER_OF"]["role"] == "联络员"
    assert graph.edges["平川县/Official/邝伟", "平川县/Unit/县交通运输局", "HEADS"]["position"] == "局长"


def test_a_member_that_cannot_be_placed_gives_a_warning():
    text = ("关于成立石门镇防汛工作领导小组的通知\n组 长：王建国 镇长\n成 员：镇财政所所长\n##待定\n特此通知。\n"
            "石门镇人民政府\n2024年5月6日\n")
    record = read_plan_bytes(text.encode(), "n.txt")
    assert [(w.kind, w.line, w.values) for w in record.warnings] == [("member-unread", 4, {"text": "##待定"})]
    assert [(u.name, u.position) for u in record.member_units] == [("镇财政所", "所长")]


def test_the_signature_under_a_list_line_is_the_issuer():
    """No 特此通知 between the last member and the signature: the member's line is no part of the body's name."""
    text = ("关于成立石门镇防汛工作领导小组的通知\n组 长：王建国 镇长\n成 员：各村党组织书记\n"
            "石门镇人民政府\n2024年5月6日\n")
    meta = read_plan_bytes(text.encode(), "n.txt").meta
    assert (meta.subdistrict, meta.issuer_line, meta.issuers) == ("石门镇", 4, ("石门镇人民政府",))


def _facts(model) -> tuple[str, set[str], set[str]]:
    body, entities, relations = json.loads(fingerprint(model))
    return body, set(entities), set(relations)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_same_facts_in_every_format(tmp_path, name, fmt):
    data = (FIXTURES / name).read_bytes()
    (tmp_path / name).write_bytes(data)
    want = _facts(read_plan(tmp_path / name, name))
    blocks = [render.Paragraph(t.strip()) for t in data.decode().splitlines() if t.strip()]
    as_name = f"{name.rsplit('.', 1)[0]}.{fmt}"
    (tmp_path / as_name).write_bytes(render.render(blocks, fmt))
    record = read_plan(tmp_path / as_name, as_name)
    got = _facts(record)
    assert got[0] == want[0]
    assert sorted(want[1] - got[1]) == sorted(got[1] - want[1]) == []
    assert sorted(want[2] - got[2]) == sorted(got[2] - want[2]) == []
    assert len(want[1]) > 5
