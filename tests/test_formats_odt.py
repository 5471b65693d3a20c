"""OpenDocument text (.odt) as LibreOffice writes it, made with odfpy: the facts of its .txt twin, fact by fact.

A 领导小组 notice with what office suites put in such a file: a masthead in a text box, headings numbered by a
list style (一、 and （一）, numbers the text does not hold), padded names (ideographic spaces written as
``text:s``), a tab after a name, a footnote on a name, tracked changes (a member deleted, another inserted), and a
task table with merged cells. Names and bodies are invented for the test.
"""

from __future__ import annotations

import io
import json

import pytest

from _formats import render
from graphmodel.errors import PlanError
from graphmodel.merge import fingerprint
from loaders.formats import detect_format, read_source
from loaders.plans import read_plan

TWIN = """临湖区人民政府办公室文件
关于成立临湖区背街小巷整治工作领导小组的通知
各街道办事处，区政府各部门：
为加强对背街小巷整治工作的领导，经区政府研究，决定成立临湖区背街小巷整治工作领导小组。现将有关事项通知如下：
一、组成人员
组　长：冼文渊　区长
副组长：李晓红　副区长
成　员：周　海\t区住房城乡建设管理委主任
韩雅琳　区财政局局长
邹宇轩　区绿化市容局局长
二、工作职责
（一）统筹协调
领导小组负责统筹协调全区背街小巷整治工作，领导小组办公室设在区住房城乡建设管理委。
（二）任务分工
序号 | 工作任务 | 牵头单位 | 配合单位
1 | 完成柳杏路背街小巷立面整治12处。 | 区住房城乡建设管理委 | 区财政局
2 | 开展沿街店招店牌规范整治。 | 区住房城乡建设管理委 | 区绿化市容局
临湖区人民政府办公室
2024年6月3日
"""


def _notice_odt() -> bytes:
    from odf.draw import Frame, TextBox
    from odf.opendocument import OpenDocumentText
    from odf.office import ChangeInfo
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import (Change, ChangedRegion, ChangeEnd, ChangeStart, Deletion, List, ListItem, ListLevelStyleNumber,
                          ListStyle, Note, NoteBody, NoteCitation, P, Span, TrackedChanges)
    from odf.dc import Creator, Date

    doc = OpenDocumentText()
    numbers = ListStyle(name="Heads")
    numbers.addElement(ListLevelStyleNumber(level=1, numformat="一, 二, 三, ...", numsuffix="、"))
    numbers.addElement(ListLevelStyleNumber(level=2, numformat="一, 二, 三, ...", numprefix="（", numsuffix="）"))
    doc.automaticstyles.addElement(numbers)
    para = render.odt_paragraph

    changes = TrackedChanges()  # what LibreOffice keeps of a tracked deletion: the text, apart from the body
    deleted = ChangedRegion(check_grammar=False)
    deleted.setAttrNS("http://www.w3.org/XML/1998/namespace", "id", "ct1")
    deleted.setAttrNS("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "id", "ct1")
    removal = Deletion()
    info = ChangeInfo()
    info.addElement(Creator(text="审核人"))
    info.addElement(Date(text="2024-06-02T10:00:00"))
    removal.addElement(info)
    removal.addElement(para("姚佳怡　区民政局局长"))
    deleted.addElement(removal)
    changes.addElement(deleted)
    doc.text.addElement(changes)

    masthead = P()
    frame = Frame(width="12cm", height="2cm", anchortype="paragraph")
    box = TextBox()
    box.addElement(para("临湖区人民政府办公室文件"))
    frame.addElement(box)
    masthead.addElement(frame)
    masthead.addText("关于成立临湖区背街小巷整治工作领导小组的通知")
    doc.text.addElement(masthead)
    for line in TWIN.splitlines()[2:4]:
        doc.text.addElement(para(line))

    def heading(lst, text, *, level=1):
        item = ListItem()
        if level == 2:
            inner = List()
            inner_item = ListItem()
            inner_item.addElement(para(text))
            inner.addElement(inner_item)
            item.addElement(inner)
        else:
            item.addElement(para(text))
        lst.addElement(item)

    first = List(stylename="Heads")
    heading(first, "组成人员")
    doc.text.addElement(first)
    doc.text.addElement(para("组　长：冼文渊　区长"))
    deputy = para("副组长：李晓红")
    note = Note(noteclass="footnote", id="ftn1")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(para("兼任区背街小巷整治工作专班负责人。"))
    note.addElement(body)
    deputy.addElement(note)
    deputy.addText("　副区长")
    doc.text.addElement(deputy)
    doc.text.addElement(para("成　员：周　海\t区住房城乡建设管理委主任"))
    doc.text.addElement(para("韩雅琳　区财政局局长"))
    gone = P()
    gone.addElement(Change(changeid="ct1"))
    doc.text.addElement(gone)
    added = P()
    added.addElement(ChangeStart(changeid="ct2"))
    added.addElement(Span(text="邹宇轩　区绿化市容局局长"))
    added.addElement(ChangeEnd(changeid="ct2"))
    doc.text.addElement(added)
    second = List(stylename="Heads", continuenumbering="true")
    heading(second, "工作职责")
    heading(second, "统筹协调", level=2)
    doc.text.addElement(second)
    doc.text.addElement(para(TWIN.splitlines()[12]))
    third = List(stylename="Heads", continuenumbering="true")  # the list goes on after a paragraph: （二）
    heading(third, "任务分工", level=2)
    doc.text.addElement(third)

    table = Table(name="Tasks")
    table.addElement(TableColumn(numbercolumnsrepeated=4))
    rows = [line.split(" | ") for line in TWIN.splitlines()[14:17]]
    for r, cells in enumerate(rows):
        tr = TableRow()
        for c, text in enumerate(cells):
            if r == 2 and c == 2:  # the same 牵头单位 as the row above: one cell over two rows
                tr.addElement(CoveredTableCell())
                continue
            cell = TableCell(numberrowsspanned=2) if (r, c) == (1, 2) else TableCell()
            cell.addElement(para(text))
            tr.addElement(cell)
        table.addElement(tr)
    doc.text.addElement(table)
    for line in TWIN.splitlines()[17:]:
        doc.text.addElement(para(line))
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def odt() -> bytes:
    return _notice_odt()


def _facts(path, name):
    body, entities, relations = json.loads(fingerprint(read_plan(path, name)))
    return body, set(entities), set(relations)


def test_the_odt_reads_as_its_text_line_by_line(odt):
    lines = read_source(odt, "通知.odt").lines
    texts = [ln.text for ln in lines]
    assert texts[:3] == ["临湖区人民政府办公室文件", "关于成立临湖区背街小巷整治工作领导小组的通知", "各街道办事处，区政府各部门："]
    assert "一、组成人员" in texts and "二、工作职责" in texts and "（一）统筹协调" in texts and "（二）任务分工" in texts
    assert "副组长：李晓红 副区长" in texts  # the footnote's mark and body are not the name's
    assert "成 员：周 海 区住房城乡建设管理委主任" in texts  # text:s and the tab as spaces
    assert not any("姚佳怡" in t for t in texts) and "邹宇轩 区绿化市容局局长" in texts  # changes accepted
    assert not any("兼任" in t for t in texts)
    rows = [ln for ln in lines if ln.cells is not None]
    assert [ln.cells for ln in rows] == [("序号", "工作任务", "牵头单位", "配合单位"),
                                         ("1", "完成柳杏路背街小巷立面整治12处。", "区住房城乡建设管理委", "区财政局"),
                                         ("2", "开展沿街店招店牌规范整治。", "", "区绿化市容局")]
    assert rows[2].merged == (False, False, True, False)


def test_the_odt_gives_the_facts_of_its_txt_twin(odt, tmp_path):
    (tmp_path / "通知.txt").write_text(TWIN, encoding="utf-8")
    (tmp_path / "通知.odt").write_bytes(odt)
    want, got = _facts(tmp_path / "通知.txt", "通知.txt"), _facts(tmp_path / "通知.odt", "通知.odt")
    assert len(want[1]) > 5 and len(want[2]) > 5
    assert got[0] == want[0]
    assert sorted(want[1] - got[1]) == sorted(got[1] - want[1]) == []
    assert sorted(want[2] - got[2]) == sorted(got[2] - want[2]) == []


def test_an_odt_is_known_by_its_mimetype_and_a_damaged_one_named(odt):
    assert detect_format(odt, "download") == "odt"
    with pytest.raises(PlanError, match="OpenDocument"):
        read_source(odt[: len(odt) // 2], "cut.odt")
