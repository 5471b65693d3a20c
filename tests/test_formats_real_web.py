"""Web pages as government sites serve them (hand-written in the genre): the document read, the site left out.

Each page has a .txt twin holding what a reader copying the article would get; the facts read from the page
(graphmodel.merge.fingerprint of loaders.plans.read_plan) must be the facts of the .txt, and the facts are
checked one by one on the .txt.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from _formats import assignments as _assignments

from graphmodel.merge import fingerprint
from loaders.formats import read_source
from loaders.plans import read_plan

WEB = Path(__file__).parent / "fixtures" / "web"
# a GB2312 page (TRS_Editor), a UTF-8 信息公开 page (layout table, property table), an old CMS's GBK page (menus as
# a table of links, the title in a plain cell in <b>, the text as <br> lines in a one-column table)
NOTICE_PAGES = ("notice_linhu_gb2312.html", "notice_linhu_utf8.html", "notice_linhu_oldcms.html")


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
                         "柴书瑶": ("副组长", ("区政府办公室主任",))}
    # the office's director is no member of the group: the office keeps him, no official of the group
    (office,) = [e for e in model.entities if e.name == "领导小组办公室"]
    assert [(h.name, h.post, h.titles) for h in office.holders] == [("晏承志", "主任", ("区住房城乡建设委主任",))]
    member = (("role", "成员"), ("position", "主要负责人"))
    assert _facts(model) == sorted([
        ("Official/冼文渊", "MEMBER_OF", plan, (("role", "组长"),)),
        ("Official/聂清和", "MEMBER_OF", plan, (("role", "常务副组长"),)),
        ("Official/柴书瑶", "MEMBER_OF", plan, (("role", "副组长"),)),
        ("Official/柴书瑶", "HEADS", "Unit/区政府办公室", (("deputy", False), ("position", "主任"))),
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


def test_a_page_saved_as_utf8_that_still_says_gb2312_reads_the_same(tmp_path):
    """Saved by a browser as UTF-8, its <meta charset="gb2312"> left as it was: valid UTF-8 wins."""
    page = (WEB / "notice_linhu_gb2312.html").read_bytes().decode("gbk")
    assert 'charset=gb2312' in page
    (tmp_path / "saved.html").write_bytes(page.encode("utf-8"))
    assert fingerprint(read_plan(tmp_path / "saved.html")) == fingerprint(read_plan(WEB / "notice_linhu.txt"))


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


# --------------------------------------------------------------------------- a task table as a CMS draws it

DUTY = "duty_table_linhu"


def test_the_cms_table_fact_by_fact_merged_cells_inherited():
    """rowspan on 分管领导 and 牵头单位, colspan section rows, a two-row header, cells of several <p>, empty cells."""
    model = read_plan(WEB / f"{DUTY}.html")
    assert model.subdistrict == "临湖区"
    assert _assignments(model) == {
        1: (("邝思源",), (), ("区市场监管局",), ("区人社局", "区税务局")),
        2: (("邝思源*",), (), ("区市场监管局*",), ("区司法局", "区大数据中心")),
        3: (("邝思源*",), (), ("区政府办公室",), ()),  # 配合单位 drawn empty: none
        4: (("庞若溪",), (), ("区规划资源局",), ("区发改委", "区经信委")),
        5: ((), ("区政府分管领导",), ("区发改委", "区财政局"), ()),
        6: (("庞若溪",), (), ("区商务委",), ("各街道办事处", "各镇人民政府")),
        7: (("庞若溪*",), (), ("区金融办",), ()),  # 配合单位 drawn empty: none
    }
    tasks = {e.number: e for e in model.entities if e.label == "Task"}
    assert tasks[1].text == "推行企业开办“一窗通办”，开办时间压缩至1个工作日。"  # 完成时限 is not the task's text
    serves = {(r.source.rsplit("/", 1)[1], r.target.rsplit("/", 1)[1]) for r in model.relations if r.type == "SERVES"}
    assert serves == {("1", "提升政务服务效能"), ("2", "提升政务服务效能"), ("3", "提升政务服务效能"),
                      ("4", "优化要素保障"), ("5", "优化要素保障"), ("6", "优化要素保障"), ("7", "优化要素保障")}
    # an inherited mention keeps the cell it was read from: row 4 of the table (two header rows, one section row)
    (lead2,) = [r for r in model.relations if r.type == "LEADS" and r.target.endswith("Task/2")]
    assert (lead2.evidence.table, lead2.evidence.row, lead2.evidence.cell) == (1, 4, 3)
    (plan,) = [e for e in model.entities if e.label == "Plan"]
    assert (plan.number, plan.date, plan.layout) == ("临府办〔2024〕12号", "2024-03-12", "task-division")
    # 庞若溪（副区长） in a lead cell: the title is kept; no leading group, so no role
    officials = {e.name: (e.role, tuple(e.titles)) for e in model.entities if e.label == "Official"}
    assert officials == {"邝思源": (None, ()), "庞若溪": (None, ("副区长",))}


def test_the_cms_table_and_its_text_differ_only_where_text_cannot_draw_an_empty_cell():
    """A text table cannot tell a cell drawn empty from a merged one: an empty 配合单位 under a filled one is taken
    as merged in the .txt (the units above hold), as none in the page. Every other fact is the same."""
    page, text = read_plan(WEB / f"{DUTY}.html"), read_plan(WEB / f"{DUTY}.txt")
    _, page_entities, page_relations = json.loads(fingerprint(page))
    _, text_entities, text_relations = json.loads(fingerprint(text))
    assert page_entities == text_entities
    assert set(page_relations) < set(text_relations)
    extra = sorted(tuple(json.loads(r)[:3]) for r in set(text_relations) - set(page_relations))
    assert extra == [("临湖区/Unit/区司法局", "临湖区/Task/3", "COOPERATES_ON"),
                     ("临湖区/Unit/区大数据中心", "临湖区/Task/3", "COOPERATES_ON"),
                     ("临湖区/Unit/各街道办事处", "临湖区/Task/7", "COOPERATES_ON"),
                     ("临湖区/Unit/各镇人民政府", "临湖区/Task/7", "COOPERATES_ON")]


def test_the_layout_table_around_the_article_is_not_a_task_table():
    lines = read_source((WEB / f"{DUTY}.html").read_bytes(), "a.html").lines
    assert {ln.table for ln in lines if ln.cells} == {1}
    assert lines[0].text.startswith("临湖区人民政府办公室关于印发")
    assert not any("网站标识码" in ln.text or "当前位置" in ln.text for ln in lines)


def test_what_the_page_hides_is_not_read():
    """Sites hide copies of the title, share widgets' text and scraper traps (display:none): a reader never sees them."""
    page = """<html><body><div class="nav"><a href="/">首页</a></div>
      <h1>关于成立某区防汛工作领导小组的通知</h1><div style="display:none">关于成立某区防汛工作领导小组的通知</div>
      <div class="TRS_Editor"><p>组长：张<span style="display: none">xx</span>三 区长</p><p hidden>副组长：不读</p>
      <p>成员：区水务局主要负责人</p><p>某区人民政府办公室</p></div></body></html>"""
    lines = [ln.text for ln in read_source(page.encode(), "h.html").lines]
    assert lines == ["关于成立某区防汛工作领导小组的通知", "组长：张三 区长", "成员：区水务局主要负责人", "某区人民政府办公室"]


def test_a_title_in_a_plain_block_after_the_columns_heading():
    """The column's heading (<h2>通知公告</h2>) stands above the document's title written in a plain <div>."""
    page = """<html><body><ul class="menu"><li><a href="/">首页</a></li><li><a href="#">通知公告</a></li></ul>
      <h2>通知公告</h2><div style="font-size:22px">关于成立某区防汛工作领导小组的通知</div><div>发布时间：2024-06-01</div>
      <div id="zoom"><p>为切实做好今年防汛防台工作，保障人民群众生命财产安全，经区政府研究，决定成立某区防汛工作领导小组。</p>
      <p>组长：甘露 区长</p><p>成员：区水务局主要负责人</p><p>某区人民政府办公室</p></div>
      <div class="footer">版权所有：某区人民政府</div></body></html>"""
    lines = [ln.text for ln in read_source(page.encode(), "c.html").lines]
    assert lines[0] == "关于成立某区防汛工作领导小组的通知"
    assert lines[2:] == ["组长：甘露 区长", "成员：区水务局主要负责人", "某区人民政府办公室"]


def test_a_short_page_under_much_site_is_read_whole_less_its_menus():
    """No element holds half the page's text (a short notice, a long footer): the page is read whole, but the lines
    and tables that are mostly links (menus, breadcrumb) are left out; a link inside a sentence stays."""
    menu = "".join(f'<td><a href="#">栏目{k}</a></td>' for k in range(12))
    page = f"""<html><body><table><tr>{menu}</tr></table><ul><li><a href="/">首页</a></li><li><a href="#">政策文件</a></li></ul>
      <div>当前位置：<a href="/">首页</a> &gt; <a href="#">通知公告</a></div>
      <div>关于成立某区防汛工作领导小组的通知</div><div>发布时间：2024-06-01</div>
      <div><p>组长：甘露 区长</p><p>成员：区水务局、<a href="#">区应急局</a>主要负责人</p><p>某区人民政府办公室</p></div>
      <div>版权所有：某区人民政府 主办：某区人民政府办公室 网站标识码：1234567890</div></body></html>"""
    lines = [ln.text for ln in read_source(page.encode(), "s.html").lines]
    assert lines[:2] == ["关于成立某区防汛工作领导小组的通知", "发布时间：2024-06-01"]
    assert "成员：区水务局、区应急局主要负责人" in lines
    assert not any("栏目" in line or "首页" in line for line in lines)


def test_an_ordered_list_is_read_with_the_numbers_a_browser_shows():
    """A task list whose headings and items are <ol> lists (UEditor's 有序列表): the numbers are not in the page's
    text but a browser shows them, and a copy of the text holds them."""
    text = [ln for ln in (Path(__file__).parent / "fixtures" / "word" / "task_list_numbered.txt")
            .read_text(encoding="utf-8").splitlines() if ln.strip()]
    heading, item = re.compile(r"^([一二三四五六七八九十]+)、(.*)$"), re.compile(r"^(\d+)\.(.*)$")
    body = []
    for line in text:
        if m := heading.match(line):
            start = "一二三四五六七八九十".index(m.group(1)) + 1
            body.append(f'<ol start="{start}" style="list-style-type: cjk-ideographic"><li>{m.group(2)}</li></ol>')
        elif m := item.match(line):
            body.append(f'<ol start="{m.group(1)}"><li>{m.group(2)}</li></ol>')
        else:
            body.append(f"<p>{line}</p>")
    page = "<html><body>" + "\n".join(body) + "</body></html>"
    assert [ln.text for ln in read_source(page.encode(), "list.html").lines] == text
