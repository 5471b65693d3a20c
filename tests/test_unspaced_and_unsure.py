"""Member lines whose name runs into its title, signatures without a space, and lines OCR read unsurely.

A scan read at a low resolution, and many web copies, lose the space between a name and its title
(``赵丽社区党建办主任``) and between two signing bodies. The leading group is still read, fact by fact, where what the
title opens with says where the name ends; never cut inside the word a title opens with (王霞社区…: 王霞). A line OCR
was unsure of stays among the lines, flagged, so that the list still reads as written (the role it gives goes on),
but no fact stands on it. The plans below are invented, in the genre.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from loaders.plan.member_list import name_before_title
from loaders.plan.reader import read_plan_source
from loaders.plan.source import source_from_bytes
from loaders.plans import resolve_source

PLAN = """浦和委〔2024〕12号
机关各办（部门）、各居民区：
现将《和平里街道美丽街区建设行动方案》印发给你们，请认真贯彻执行。
中共和平里街道工作委员会和平里街道办事处
2024年5月6日
附件1
和平里街道美丽街区建设领导小组名单
组长：王晓东党工委书记、人大工委主任
副组长：李红梅党工委副书记
何 斌办事处副主任
成员：赵丽社区党建办主任
孙志刚社区平安办主任
钱 程城市运行管理中心主任
周晓燕妇女联合会主席
以上成员如有工作变动，由接任人员自然替补。
"""

MEMBERS = [("王晓东", "组长", ("党工委书记", "人大工委主任"), 8), ("李红梅", "副组长", ("党工委副书记",), 9),
           ("何斌", "副组长", ("办事处副主任",), 10), ("赵丽", "成员", ("社区党建办主任",), 11),
           ("孙志刚", "成员", ("社区平安办主任",), 12), ("钱程", "成员", ("城市运行管理中心主任",), 13),
           ("周晓燕", "成员", ("妇女联合会主席",), 14)]


def _source(flagged: set[int] = frozenset()):
    source = source_from_bytes(PLAN.encode(), "和平里.txt")
    return replace(source, lines=tuple(replace(ln, unsure=ln.no in flagged) for ln in source.lines))


def test_names_run_into_their_titles_are_read_member_by_member():
    record = read_plan_source(_source(), "和平里.txt")
    assert record.layout == "action-plan"
    assert [(o.name, o.role, o.titles, o.line) for o in record.officials] == MEMBERS


def test_two_bodies_signed_without_a_space_are_two_issuers():
    record = read_plan_source(_source(), "和平里.txt")
    assert record.meta.issuers == ("中共和平里街道工作委员会", "和平里街道办事处")
    assert record.meta.number == "浦和委〔2024〕12号" and record.meta.subdistrict == "和平里街道"


@pytest.mark.parametrize("whole, want", [
    ("王霞社区党建办主任", ("王霞", ["社区党建办主任"])),  # not 王霞社 + 区党建办主任
    ("孙志刚社区平安办主任", ("孙志刚", ["社区平安办主任"])),  # not 孙志 + 刚社区…
    ("史迪蒙城市运行管理中心主任", ("史迪蒙", ["城市运行管理中心主任"])),  # not 史迪 + 蒙城市…
    ("李宪财金杨市场监督管理所所长", ("李宪财", ["金杨市场监督管理所所长"])),
    ("吕振华县长", ("吕振华", ["县长"])),
    ("社区党建办主任", None),  # a title alone names nobody
])
def test_a_name_ends_where_its_title_opens(whole, want):
    assert name_before_title(whole) == want


def test_no_fact_stands_on_a_line_read_unsurely_but_its_role_goes_on():
    """The 组长 line and the 文号 are flagged: 王晓东 is not read (nor his titles' units), the role 组长 still opens
    the list, the plan has no 文号 (it is named by its title); every other member is read as before."""
    model = resolve_source(_source({1, 8}), "和平里.txt")
    officials = {e.name: e for e in model.entities if e.label == "Official"}
    assert "王晓东" not in officials and {e.name for e in model.entities if e.label == "Unit"} >= {"社区党建办"}
    assert all(e.evidence.line != 8 for e in model.entities if e.label != "Plan")
    assert [(n, officials[n].role) for n, *_ in MEMBERS[1:]] == [(n, r) for n, r, *_ in MEMBERS[1:]]
    plan = next(e for e in model.entities if e.label == "Plan")
    assert plan.number is None and plan.name == "和平里街道美丽街区建设行动方案"
    sure = resolve_source(_source(), "和平里.txt")
    assert next(e for e in sure.entities if e.label == "Plan").number == "浦和委〔2024〕12号"
    assert "王晓东" in {e.name for e in sure.entities if e.label == "Official"}


def test_a_signature_line_read_unsurely_names_no_issuer():
    record = read_plan_source(_source({4}), "和平里.txt")
    assert record.meta.issuers == ()
    assert [o.name for o in record.officials] == [m[0] for m in MEMBERS]
