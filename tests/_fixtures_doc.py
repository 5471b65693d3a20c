"""The invented Word documents behind the .doc fixtures (tests/fixtures/doc/): each a .docx built here, which
LibreOffice saved as .doc (tests/fixtures/doc/make_fixtures.py); the tests read the .doc natively against it."""

from __future__ import annotations

import io

__all__ = ["documents", "SYNTHETIC_SEEDS"]

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
#: The generated plans (bench/synthetic.py, invented) among the fixtures, as plan_SEED.
SYNTHETIC_SEEDS = (41, 42)


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _style_numbered() -> bytes:
    """Items numbered by their paragraph style （一）…（十一）, between plain paragraphs."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    from test_formats_real_word import _lvl

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {_W} w:abstractNumId="93">' + _lvl(0, "chineseCounting", "（%1）")
                                  + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="93"><w:abstractNumId w:val="93"/></w:num>'))
    style = d.styles.add_style("任务条目", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {_W}><w:numId w:val="93"/></w:numPr>'))
    d.add_paragraph("重点任务")
    for k in range(1, 12):
        d.add_paragraph(f"任务{k}由区住房城乡建设委牵头落实", style="任务条目")
    return _save(d)


def _framed() -> bytes:
    """The whole document framed in a one-cell table, the task table inside it."""
    import docx

    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "临湖区2024年安全生产重点工作责任分解表"
    inner = cell.add_table(rows=3, cols=4)
    for r, row in enumerate([("序号", "工作任务", "牵头单位", "配合单位"), ("1", "开展燃气安全专项整治。", "区应急局", "区城管执法局"),
                             ("2", "排查高层建筑消防隐患。", "区消防救援支队", "")]):
        for c, value in enumerate(row):
            inner.cell(r, c).text = value
    cell.add_paragraph("临湖区人民政府办公室")
    cell.add_paragraph("2024年2月1日")
    return _save(d)


def _field(code: str, result: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {code} '
            f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _fields() -> bytes:
    """Fields (a hyperlink, a bookmark reference): their results read, never their codes; a line break and a page
    break inside paragraphs; a tab."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("关于开展2024年背街小巷整治的通知")
    d.add_paragraph("各居民区：")
    p = d.add_paragraph("详见")
    for run in parse_xml(f'<w:p {_W}>{_field("HYPERLINK &quot;https://example.org/a&quot;", "区政府网站")}'
                         f'<w:r><w:t>，联系人</w:t></w:r>{_field("QUOTE &quot;钟雨桐&quot;", "钟雨桐")}</w:p>'):
        p._p.append(run)
    p = d.add_paragraph("组长：冼文渊")
    p._p.append(parse_xml(f'<w:r {_W}><w:tab/><w:t>区长</w:t><w:br/><w:t>副组长：聂清和</w:t></w:r>'))
    p = d.add_paragraph("第一页完")
    p._p.append(parse_xml(f'<w:r {_W}><w:br w:type="page"/><w:t>第二页起</w:t></w:r>'))
    d.add_paragraph("临湖区人民政府办公室")
    return _save(d)


def _changed_notice() -> bytes:
    """tests/test_formats_marks.py's notice with tracked changes (a 组长 replaced, a member deleted), less its
    footnote reference (it names no footnotes part, which LibreOffice refuses to open)."""
    import docx

    from test_formats_marks import _notice_docx

    d = docx.Document(io.BytesIO(_notice_docx()))
    for ref in d.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}footnoteReference"):
        ref.getparent().remove(ref)
    return _save(d)


def documents() -> dict[str, bytes]:
    """Each fixture's name and its .docx."""
    from _formats import render, synthetic
    from test_formats_real_word import _lines_of, _notice_docx, _numbered_docx, _task_docx

    out = {"renewal_tasks": _task_docx(), "renewal_group": _notice_docx(),
           "renewal_group_boxed": _notice_docx(boxed="table"), "renewal_group_text_box": _notice_docx(boxed="text box"),
           "task_list_numbered": _numbered_docx(_lines_of("task_list_numbered.txt")), "style_numbered": _style_numbered(),
           "framed": _framed(), "notice_changes": _changed_notice(), "fields": _fields()}
    for seed in SYNTHETIC_SEEDS:
        out[f"plan_{seed}"] = render.render(render.blocks_of_synthetic(synthetic.generate_plan(seed, table=True)), "docx")
    return out
