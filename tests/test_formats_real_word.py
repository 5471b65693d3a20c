"""Word files as WPS/Word users write them (built here with python-docx, names and bodies invented), read as their
text twins in tests/fixtures/word/ are: a task table with cells of several paragraphs, a 责任领导 merged over three
rows (vMerge), section rows merged across (gridSpan), a repeated header row (tblHeader), a contact list that is no
task table and a note after the table; a 领导小组 notice whose members stand in a two-column table.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest

from _formats import assignments as _assignments
from docx.oxml import OxmlElement, parse_xml

from graphmodel.merge import fingerprint
from loaders.formats import read_source
from loaders.plans import read_plan

WORD = Path(__file__).parent / "fixtures" / "word"


def _cell(cell, text: str) -> None:
    """Fill a cell: one paragraph per line of ``text`` (a unit per paragraph)."""
    parts = text.split("\n")
    cell.paragraphs[0].text = parts[0]
    for part in parts[1:]:
        cell.add_paragraph(part)


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _task_docx() -> bytes:
    d = docx.Document()
    for text in ["临湖区人民政府办公室文件", "临府办〔2024〕20号",
                 "关于印发《临湖区2024年城市更新重点工作任务分工方案》的通知",
                 "各街道办事处、镇人民政府，区政府各委、办、局：",
                 "\u3000\u3000现将《临湖区2024年城市更新重点工作任务分工方案》印发给你们，请认真抓好落实。",
                 "临湖区人民政府办公室", "2024年4月2日", "临湖区2024年城市更新重点工作任务分工方案"]:
        d.add_paragraph(text)
    rows = [
        ("序号", "工作任务", "责任领导", "责任单位", "配合单位", "完成时间"),
        ("一、旧区改造",) + ("",) * 5,
        ("1", "完成零星旧改地块征收，签约率达到95%以上。", "聂清和", "区旧改办", "区征收中心\n相关街道", "2024年10月"),
        ("2", "推进城中村改造项目前期工作，完成方案编制。", "", "区住房城乡建设委", "区规划资源局\n区财政局", "2024年12月"),
        ("3", "实施老旧小区综合改造20个。", "", "区房管局", "", "2024年11月"),
        ("二、城市微更新",) + ("",) * 5,
        ("4", "建设口袋公园5座，\n打造街区休憩节点。", "柴书瑶", "区绿化市容局", "各街道办事处", "2024年9月"),
        ("5", "开展背街小巷环境整治。", "区政府分管领导", "区城管执法局", "—", "全年"),
    ]
    table = d.add_table(rows=len(rows), cols=6)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value:
                _cell(table.cell(r, c), value)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    for r in (1, 5):  # section rows across the table (gridSpan)
        table.cell(r, 0).merge(table.cell(r, 5))
    table.cell(2, 2).merge(table.cell(4, 2))  # 责任领导 over three rows (vMerge)
    d.add_paragraph("注：完成时间以区政府督查通知为准；责任单位为第一责任人。")
    d.add_paragraph("各单位联系人")
    contacts = d.add_table(rows=3, cols=3)
    for r, values in enumerate([("单位", "联系人", "电话"), ("区旧改办", "钟雨桐", "021-55551234"),
                                ("区房管局", "贺明轩", "021-55554321")]):
        for c, value in enumerate(values):
            contacts.cell(r, c).text = value
    return _save(d)


_TEXT_BOX = (  # a run holding a text box as Word writes it: the box (wps) and its fallback copy (VML) for old readers
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
    '</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
)


def _notice_docx(boxed: str | None = None) -> bytes:
    """The notice; ``boxed="table"``: its masthead in a one-cell table and its signature in a table of two columns
    whose left one is empty (a 公文 template's way to place them); ``boxed="text box"``: the masthead in a text box
    anchored in the 文号's paragraph."""
    d = docx.Document()
    if boxed == "table":
        d.add_table(rows=1, cols=1).cell(0, 0).text = "临湖区人民政府办公室文件"
    for text in ["临府办〔2024〕36号", "关于成立临湖区城市更新工作领导小组的通知",
                 "各街道办事处、镇人民政府，区政府各委、办、局：",
                 "\u3000\u3000为统筹推进我区城市更新工作，经区政府研究，决定成立临湖区城市更新工作领导小组。现将有关事项通知如下：",
                 "一、领导小组组成人员"]:
        p = d.add_paragraph(text)
        if boxed == "text box" and text.endswith("号"):
            p._p.insert(0, parse_xml(_TEXT_BOX.format(text="临湖区人民政府办公室文件")))
    members = [("组  长", "冼文渊  区长"), ("常务副组长", "聂清和  副区长"),
               ("副组长", "柴书瑶  区政府办公室主任\n晏承志  区住房城乡建设委主任"),
               ("成  员", "区旧改办主要负责人\n区财政局主要负责人\n区规划资源局主要负责人\n各街道办事处主任")]
    table = d.add_table(rows=len(members), cols=2)
    table.style = "Table Grid"
    for r, (role, names) in enumerate(members):
        _cell(table.cell(r, 0), role)
        _cell(table.cell(r, 1), names)
    for text in ["二、领导小组办公室", "领导小组办公室设在区住房城乡建设委，办公室主任由晏承志同志兼任，负责领导小组日常工作。"]:
        d.add_paragraph(text)
    if boxed == "table":
        _cell(d.add_table(rows=1, cols=2).cell(0, 1), "临湖区人民政府办公室\n2024年6月3日")
    else:
        d.add_paragraph("临湖区人民政府办公室")
        d.add_paragraph("2024年6月3日")
    return _save(d)


_WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_NUMBERED = re.compile(r"^(?:(?P<heading>[一二三四五六七八九十]+、)|（(?P<sub>[一二三四五六七八九十]+)）|(?P<item>\d+)\.)(?P<text>.*)$")


def _lvl(ilvl: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            '<w:suff w:val="nothing"/></w:lvl>')


def _numbered_docx(lines: list[str]) -> bytes:
    """The lines as Word paragraphs, the numbers of 一、 （一） 1. made by Word's automatic numbering, not typed:
    headings a two-level chineseCounting list, tasks a decimal list, the 保障措施 items that list restarted."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {_WNS} w:abstractNumId="90">' + _lvl(0, "chineseCounting", "%1、")
                                  + _lvl(1, "chineseCounting", "（%2）") + "</w:abstractNum>"))
    numbering.insert(1, parse_xml(f'<w:abstractNum {_WNS} w:abstractNumId="91">' + _lvl(0, "decimal", "%1.")
                                  + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {_WNS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {_WNS} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {_WNS} w:numId="92"><w:abstractNumId w:val="91"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    items, seen_items = "91", 0
    for line in lines:
        m = _NUMBERED.match(line)
        if not m:
            d.add_paragraph(line)
            continue
        if m.group("item"):
            seen_items += 1
            if m.group("item") == "1" and seen_items > 1:
                items = "92"  # a new list, restarting at 1
        num, ilvl = ("90", 0) if m.group("heading") else ("90", 1) if m.group("sub") else (items, 0)
        p = d.add_paragraph(m.group("text"))
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {_WNS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/>'
                                               "</w:numPr>"))
    return _save(d)


def _lines_of(name: str) -> list[str]:
    return [ln for ln in (WORD / name).read_text(encoding="utf-8").splitlines() if ln.strip()]


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    folder = tmp_path_factory.mktemp("word")
    (folder / "renewal_tasks.docx").write_bytes(_task_docx())
    (folder / "renewal_group.docx").write_bytes(_notice_docx())
    (folder / "renewal_group_boxed.docx").write_bytes(_notice_docx(boxed="table"))
    (folder / "renewal_group_text_box.docx").write_bytes(_notice_docx(boxed="text box"))
    (folder / "task_list_numbered.docx").write_bytes(_numbered_docx(_lines_of("task_list_numbered.txt")))
    return folder


def test_the_word_task_table_fact_by_fact(word):
    model = read_plan(word / "renewal_tasks.docx")
    assert model.subdistrict == "临湖区"
    assert _assignments(model) == {
        1: (("聂清和",), (), ("区旧改办",), ("区征收中心", "相关街道")),  # a unit per paragraph
        2: (("聂清和*",), (), ("区住房城乡建设委",), ("区规划资源局", "区财政局")),
        3: (("聂清和*",), (), ("区房管局",), ()),  # 配合单位 drawn empty: none
        4: (("柴书瑶",), (), ("区绿化市容局",), ("各街道办事处",)),
        5: ((), ("区政府分管领导",), ("区城管执法局",), ()),
    }
    tasks = {e.number: e for e in model.entities if e.label == "Task"}
    assert tasks[4].text == "建设口袋公园5座，打造街区休憩节点。"  # two paragraphs, no space after the comma
    serves = {(r.source.rsplit("/", 1)[1], r.target.rsplit("/", 1)[1]) for r in model.relations if r.type == "SERVES"}
    assert serves == {("1", "旧区改造"), ("2", "旧区改造"), ("3", "旧区改造"), ("4", "城市微更新"), ("5", "城市微更新")}
    # the vMerge'd lead is inherited from the cell it starts in: table 1, row 3 (header, section row), cell 3
    for task in ("Task/2", "Task/3"):
        (lead,) = [r for r in model.relations if r.type == "LEADS" and r.target.endswith(task)]
        assert (lead.evidence.table, lead.evidence.row, lead.evidence.cell) == (1, 3, 3)
    # the contact list is no task table: its people lead nothing and are no officials, its units get no task
    names = {e.name for e in model.entities}
    assert not {"钟雨桐", "贺明轩"} & names
    (plan,) = [e for e in model.entities if e.label == "Plan"]
    assert (plan.title, plan.number, plan.date) == ("临湖区2024年城市更新重点工作任务分工方案", "临府办〔2024〕20号",
                                                    "2024-04-02")


def test_the_word_task_table_and_its_text_differ_only_where_text_cannot_draw_an_empty_cell(word):
    """Copied as text (tabs), the table's merged 责任领导 and the section rows read the same; the 配合单位 of task
    3, drawn empty in Word, is empty under a filled cell in the text and taken as merged there."""
    _, doc_entities, doc_relations = json.loads(fingerprint(read_plan(word / "renewal_tasks.docx")))
    _, txt_entities, txt_relations = json.loads(fingerprint(read_plan(WORD / "renewal_tasks.txt")))
    assert doc_entities == txt_entities
    assert set(doc_relations) < set(txt_relations)
    assert sorted(tuple(json.loads(r)[:3]) for r in set(txt_relations) - set(doc_relations)) == [
        ("临湖区/Unit/区规划资源局", "临湖区/Task/3", "COOPERATES_ON"),
        ("临湖区/Unit/区财政局", "临湖区/Task/3", "COOPERATES_ON")]


def test_the_member_table_fact_by_fact_and_as_its_text(word):
    model = read_plan(word / "renewal_group.docx")
    officials = {e.name: (e.role, tuple(e.titles)) for e in model.entities if e.label == "Official"}
    assert officials == {"冼文渊": ("组长", ("区长",)), "聂清和": ("常务副组长", ("副区长",)),
                         "柴书瑶": ("副组长", ("区政府办公室主任",)), "晏承志": ("副组长", ("区住房城乡建设委主任",))}
    cut = len(model.subdistrict) + 1
    units = sorted((r.source[cut:], r.properties["position"]) for r in model.relations
                   if r.type == "MEMBER_OF" and r.source[cut:].startswith("Unit/"))
    assert units == [("Unit/区旧改办", "主要负责人"), ("Unit/区规划资源局", "主要负责人"), ("Unit/区财政局", "主要负责人"),
                     ("Unit/各街道办事处", "主任")]
    (office,) = [e for e in model.entities if e.name == "领导小组办公室"]
    assert office.seat == "区住房城乡建设委"
    assert fingerprint(model) == fingerprint(read_plan(WORD / "renewal_group.txt"))


def test_a_two_column_member_table_is_read_as_text_a_paragraph_a_line(word):
    lines = read_source((word / "renewal_group.docx").read_bytes(), "g.docx").lines
    text = [ln.text for ln in lines]
    assert not any(ln.cells for ln in lines)
    assert text[5:13] == ["组 长 冼文渊 区长", "常务副组长 聂清和 副区长", "副组长 柴书瑶 区政府办公室主任",
                          "晏承志 区住房城乡建设委主任", "成 员 区旧改办主要负责人", "区财政局主要负责人",
                          "区规划资源局主要负责人", "各街道办事处主任"]


def test_automatic_list_numbers_are_read_as_the_text_shows_them(word):
    """一、 （一） 1. made by Word's numbering are not in the paragraphs' text; the reader writes them as Word shows
    them (a copy of the text has them), counting each list, its levels, and a list restarted at 1."""
    lines = [ln.text for ln in read_source((word / "task_list_numbered.docx").read_bytes(), "n.docx").lines]
    assert lines == _lines_of("task_list_numbered.txt")


def test_a_task_list_with_automatic_numbers_fact_by_fact(word):
    model = read_plan(word / "task_list_numbered.docx")
    assert model.subdistrict == "青石镇"
    assert _assignments(model) == {
        1: (("覃明哲",), (), ("农业服务中心",), ("自然资源所", "财政所")),
        2: ((), (), ("经济发展办",), ("农业服务中心", "各村")),
        3: ((), (), ("村镇建设办",), ("各村",)),
        4: ((), ("镇政府分管领导",), ("城建中心",), ()),
    }
    serves = {(r.source.rsplit("/", 1)[1], r.target.rsplit("/", 1)[1]) for r in model.relations if r.type == "SERVES"}
    assert serves == {("1", "产业发展"), ("2", "产业发展"), ("3", "人居环境"), ("4", "人居环境")}
    assert fingerprint(model) == fingerprint(read_plan(WORD / "task_list_numbered.txt"))


def test_a_masthead_and_a_signature_laid_out_in_tables_read_as_text(word):
    """A table no row of which has two filled cells only lays text out: its paragraphs are lines, so the signature's
    date is the 成文日期 and the body above it the issuer, as in the notice without the tables."""
    lines = read_source((word / "renewal_group_boxed.docx").read_bytes(), "b.docx").lines
    assert not any(ln.cells for ln in lines)
    assert [ln.text for ln in lines[:2]] == ["临湖区人民政府办公室文件", "临府办〔2024〕36号"]
    assert [ln.text for ln in lines[-2:]] == ["临湖区人民政府办公室", "2024年6月3日"]
    model = read_plan(word / "renewal_group_boxed.docx")
    (plan,) = [e for e in model.entities if e.label == "Plan"]
    assert (plan.date, plan.issuers) == ("2024-06-03", ["临湖区人民政府办公室"])
    assert fingerprint(model) == fingerprint(read_plan(WORD / "renewal_group.txt"))


def test_a_masthead_in_a_text_box_is_a_line_of_its_own_read_once(word):
    lines = [ln.text for ln in read_source((word / "renewal_group_text_box.docx").read_bytes(), "t.docx").lines]
    assert lines[:3] == ["临湖区人民政府办公室文件", "临府办〔2024〕36号", "关于成立临湖区城市更新工作领导小组的通知"]
    assert sum("文件" in line for line in lines) == 1
    assert fingerprint(read_plan(word / "renewal_group_text_box.docx")) == fingerprint(read_plan(WORD / "renewal_group.txt"))


def test_numbers_given_by_a_paragraph_style_count_on_past_ten():
    """A numbered paragraph style (the list is the style's, the paragraphs only name the style), eleven items."""
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {_WNS} w:abstractNumId="93">' + _lvl(0, "chineseCounting", "（%1）")
                                  + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {_WNS} w:numId="93"><w:abstractNumId w:val="93"/></w:num>'))
    style = d.styles.add_style("任务条目", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {_WNS}><w:numId w:val="93"/></w:numPr>'))
    d.add_paragraph("重点任务")
    for k in range(1, 12):
        d.add_paragraph(f"任务{k}", style="任务条目")
    lines = [ln.text for ln in read_source(_save(d), "s.docx").lines]
    assert lines[0] == "重点任务"
    assert lines[1:4] == ["（一）任务1", "（二）任务2", "（三）任务3"]
    assert lines[-2:] == ["（十）任务10", "（十一）任务11"]


def test_a_table_holding_a_table_lays_the_page_out_and_the_inner_one_is_the_task_table():
    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)  # the whole document framed in one cell
    cell.paragraphs[0].text = "临湖区2024年安全生产重点工作责任分解表"
    inner = cell.add_table(rows=3, cols=4)
    for r, row in enumerate([("序号", "工作任务", "牵头单位", "配合单位"), ("1", "开展燃气安全专项整治。", "区应急局", "区城管执法局"),
                             ("2", "排查高层建筑消防隐患。", "区消防救援支队", "")]):
        for c, value in enumerate(row):
            inner.cell(r, c).text = value
    cell.add_paragraph("临湖区人民政府办公室")
    cell.add_paragraph("2024年2月1日")
    lines = read_source(_save(d), "framed.docx").lines
    assert [(ln.text, ln.table, ln.row) for ln in lines if not ln.cells] == [
        ("临湖区2024年安全生产重点工作责任分解表", None, None), ("临湖区人民政府办公室", None, None), ("2024年2月1日", None, None)]
    assert [ln.cells for ln in lines if ln.cells] == [("序号", "工作任务", "牵头单位", "配合单位"),
                                                    ("1", "开展燃气安全专项整治。", "区应急局", "区城管执法局"),
                                                    ("2", "排查高层建筑消防隐患。", "区消防救援支队", "")]
    assert {ln.table for ln in lines if ln.cells} == {1}
