"""Web pages as government sites serve them (hand-written in the genre): the document read, the site left out.

Each page has a .txt twin holding what a reader copying the article would get; the facts read from the page
(graphmodel.merge.fingerprint of loaders.plans.read_plan) must be the facts of the .txt, and the facts are
checked one by one on the .txt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel.merge import fingerprint
from loaders.formats import read_source
from loaders.plans import read_plan

WEB = Path(__file__).parent / "fixtures" / "web"
NOTICE_PAGES = ("notice_linhu_gb2312.html", "notice_linhu_utf8.html")


def _facts(model):
    """(source, type, target, properties) of every relation, ids without the issuer prefix."""
    cut = len(model.subdistrict) + 1
    return sorted((r.source[cut:], r.type, r.target[cut:], tuple(sorted(r.properties.items())))
                  for r in model.relations)


def test_the_notice_as_text_fact_by_fact():
    model = read_plan(WEB / "notice_linhu.txt")
    assert model.subdistrict == "临湖区"
    plan = "Plan/临府办〔2024〕31号"
    (p,) = [e for e in model.entities if e.id.endswith(plan)]
    assert (p.title, p.number, p.date, p.layout, p.group) == (
        "关于成立临湖区老旧小区改造工作领导小组的通知", "临府办〔2024〕31号", "2024-05-08", "leading-group-notice",
        "临湖区老旧小区改造工作领导小组")
    officials = {e.name: (e.role, tuple(e.titles)) for e in model.entities if e.label == "Official"}
    assert officials == {"冼文渊": ("组长", ("区长",)), "聂清和": ("常务副组长", ("区政府副区长",)),
                         "柴书瑶": ("副组长", ("区政府办公室主任",)), "晏承志": (None, ("区住房城乡建设委主任",))}
    member = (("role", "成员"), ("position", "主要负责人"))
    assert _facts(model) == sorted([
        ("Official/冼文渊", "MEMBER_OF", plan, (("role", "组长"),)),
        ("Official/聂清和", "MEMBER_OF", plan, (("role", "常务副组长"),)),
        ("Official/柴书瑶", "MEMBER_OF", plan, (("role", "副组长"),)),
        ("Official/柴书瑶", "HEADS", "Unit/区政府办公室", (("deputy", False), ("position", "主任"))),
        ("Official/晏承志", "HEADS", "Unit/区住房城乡建设委", (("deputy", False), ("position", "主任"))),
        ("Official/晏承志", "HEADS", "Unit/领导小组办公室", (("deputy", False), ("position", "主任"))),
        ("Unit/区住房城乡建设委", "MEMBER_OF", plan, tuple(sorted(member))),
        ("Unit/区财政局", "MEMBER_OF", plan, tuple(sorted(member))),
        ("Unit/区规划资源局", "MEMBER_OF", plan, tuple(sorted(member))),
        ("Unit/区城管执法局", "MEMBER_OF", plan, (("position", "分管负责人"), ("role", "成员"))),
        ("Unit/各街道办事处", "MEMBER_OF", plan, (("position", "主任"), ("role", "成员"))),
        (plan, "PLAN_OF", "Issuer", ()),
    ])
    (office,) = [e for e in model.entities if e.name == "领导小组办公室"]
    assert (office.kind, office.seat) == ("office", "区住房城乡建设委")


@pytest.mark.parametrize("page", NOTICE_PAGES)
def test_the_notice_page_gives_the_facts_of_its_text(page):
    assert fingerprint(read_plan(WEB / page)) == fingerprint(read_plan(WEB / "notice_linhu.txt"))


@pytest.mark.parametrize("page", NOTICE_PAGES)
def test_the_page_is_read_as_its_article_without_the_site(page):
    """Navigation, breadcrumb, 信息公开 property table, related links and footer are the site's, not the notice's."""
    lines = read_source((WEB / page).read_bytes(), page).lines
    text = [ln.text for ln in lines]
    copied = [ln for ln in (WEB / "notice_linhu.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert ["".join(t.split()) for t in text] == ["".join(t.split()) for t in copied]
    assert not any(ln.cells for ln in lines)
    # padding (&nbsp;, &#12288;) is one space; <br> inside a paragraph ends a line
    assert "组 长：冼文渊 区长" in text and "区财政局主要负责人" in text


def test_a_page_that_is_the_document_alone_is_read_whole():
    page = "<html><body><p>首页</p><p>组长：张三</p><p>成员：李四</p></body></html>"
    assert [ln.text for ln in read_source(page.encode(), "a.html").lines] == ["首页", "组长：张三", "成员：李四"]

