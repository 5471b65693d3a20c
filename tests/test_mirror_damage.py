"""Documents as mirror sites copy them, invented and checked fact by fact: pinyin glossed after characters, inside
names and inside the brackets that give a task's units (市經貿(mào)委), read as if it were not there and named as the
line writes it; item numbers a re-encoding garbled (?。ǘ┩ for （二）), read as the next number with a warning; and a
member line garbled after the name, whose name is read (no title, a warning) while the list goes on."""

from __future__ import annotations

from loaders.plan.pinyin import as_glossed
from loaders.plan.reader import read_plan_bytes

GLOSSED_TASKS = """\
青川府辦〔2021〕7號
關(guān)于印發(fā)2021年重點工作事項的通知
各區(qū)人民政府，市政府各部門：
現(xiàn)將《2021年重點工作事項》印發(fā)給你們，請抓好落實。
青川市人民政府辦公廳
2021年3月2日
2021年重點工作事項
一、推進產業(yè)升級
（一）建設(shè)東湖、北嶺兩大裝備產業(yè)基地。（牽頭單位：市經貿(mào)委；配合單位：市發(fā)改委、規(guī)劃局）
（二）推進(jìn)臨港物流園區(qū)建設(shè)。（牽頭單位：市交委；配合單位：市經貿(mào)委、國土房管局）
"""


def _facts(record) -> list[tuple]:
    return [(t.number, t.line, [(m.name, m.line) for m in t.responsible], [(m.name, m.line) for m in t.cooperating])
            for t in record.tasks]


def test_glossed_units_are_read_through_the_glosses_and_named_as_written():
    record = read_plan_bytes(GLOSSED_TASKS.encode("utf-8"), "事項.txt")
    assert record.layout == "task-list"
    assert _facts(record) == [
        (1, 9, [("市經貿(mào)委", 9)], [("市發(fā)改委", 9), ("規(guī)劃局", 9)]),
        (2, 10, [("市交委", 10)], [("市經貿(mào)委", 10), ("國土房管局", 10)]),
    ]
    assert record.meta.subdistrict == "青川市"
    assert not [w for w in record.warnings if getattr(w, "kind", "") == "item-number-garbled"]


GARBLED_NUMBERS = """\
2021年重點工作事項
一、推進產業升級
（一）建設東湖裝備產業基地。（牽頭單位：市經貿委；配合單位：市發改委）
?。ǘ┩七M臨港物流園區建設。（牽頭單位：市交委；配合單位：市經貿委）
?。ㄈ┲建設北嶺生物醫藥基地。（牽頭單位：市科技局；配合單位：市衛健委）
（四）加快南灣金融區建設。（牽頭單位：市金融辦；配合單位：規劃局）
?。ㄎ澹┘涌推進老城更新
"""


def test_items_whose_numbers_a_copy_garbled_are_the_next_items_with_a_warning_each():
    record = read_plan_bytes(GARBLED_NUMBERS.encode("utf-8"), "事項.txt")
    assert _facts(record) == [
        (1, 3, [("市經貿委", 3)], [("市發改委", 3)]),
        (2, 4, [("市交委", 4)], [("市經貿委", 4)]),
        (3, 5, [("市科技局", 5)], [("市衛健委", 5)]),
        (4, 6, [("市金融辦", 6)], [("規劃局", 6)]),  # the number read after two garbled ones is the fourth
        (5, 7, [], []),  # the last, cut off: a task nobody is named for, not the units of the one before
    ]
    garbled = [(w.kind, w.line, w.values["number"]) for w in record.warnings if w.kind == "item-number-garbled"]
    assert garbled == [("item-number-garbled", 4, 2), ("item-number-garbled", 5, 3), ("item-number-garbled", 7, 5)]


def test_a_garbled_line_after_an_item_without_its_assignment_closed_is_no_new_item():
    # item 2's bracket never closes: the lines after it run together with it (two assignments: no unit read, a
    # warning), and no number is inferred after it
    text = GARBLED_NUMBERS.replace("（牽頭單位：市交委；配合單位：市經貿委）", "（牽頭單位：市交委；")
    record = read_plan_bytes(text.encode("utf-8"), "事項.txt")
    assert _facts(record) == [(1, 3, [("市經貿委", 3)], [("市發改委", 3)])]
    assert [(w.kind, w.line) for w in record.warnings if w.kind in ("items-run-together", "item-number-garbled")] == [
        ("items-run-together", 4)]


GARBLED_MEMBER = """\
關于成立白楊市濕地公園建設專班的通知
各區人民政府，市有關單位：
市政府決定成立白楊市濕地公園建設專班，現將具體事宜通知如下：
一、專班組成人員
主任：阿力木·沙吾提（市政府副市長）
副主任：韋青禾（市林草局局長）
成員：苗立川（市水利局局長）
古麗娜·艾山?。ㄊ兴贮h組副書記、局長）
盛永康（市住建局局長）
專班下設辦公室，辦公室設在市林草局。
"""


def test_a_member_line_garbled_after_the_name_keeps_the_name_and_the_list_goes_on():
    record = read_plan_bytes(GARBLED_MEMBER.encode("utf-8"), "通知.txt")
    assert [(o.name, o.role, o.line) for o in record.officials] == [
        ("阿力木·沙吾提", "主任", 5), ("韋青禾", "副主任", 6), ("苗立川", "成员", 7),
        ("古麗娜·艾山", "成员", 8), ("盛永康", "成员", 9),
    ]
    assert [o.titles for o in record.officials if o.name == "古麗娜·艾山"] == [()]
    assert [(w.kind, w.line, w.values["name"]) for w in record.warnings if w.kind == "member-title-garbled"] == [
        ("member-title-garbled", 8, "古麗娜·艾山")]


def test_a_name_is_given_as_the_line_writes_it_glosses_and_script():
    assert as_glossed("经贸委", "牽頭單位:市經貿(mào)委;") == "經貿(mào)委"
    assert as_glossed("镇公路站", "由鎮(zhèn)公路站負責") == "鎮(zhèn)公路站"
    assert as_glossed("规划局", "配合單位:市發(fā)改委") == "规划局"  # not on the line: as read
    assert as_glossed("项目", "PPP项目(ppp)") == "项目"  # a bracket of plain letters is no gloss


TRADITIONAL_BARS = """\
濟政發〔2024〕3號
濟縣人民政府
關于印發濟縣2024年民生實事項目的通知
各鎮人民政府、街道辦事處，縣政府各工作部門：
《濟縣2024年民生實事項目》已經縣人民代表大會表決通過，現印發給你們，請精心組織實施。
濟縣人民政府
2024年3月6日
附件：
|
濟縣2024年民生實事項目清單 |
||||
|
序號 |
項目名稱 |
建設地點 |
年度投資 (萬元) |
責任單位 |
|
1 |
城南小學操場改造項目 |
柳河街道 |
260 |
教體局 |
|
2 |
老舊小區雨污分流改造 |
青石鎮 |
1200 |
住建局 |
|
3 |
農村公路安全防護工程 |
東嶺鎮西嶺鎮 |
800 |
交通局 |
"""


def test_a_table_in_traditional_script_copied_one_cell_a_line_with_bars_reads_its_columns():
    record = read_plan_bytes(TRADITIONAL_BARS.encode("utf-8"), "民生實事.txt")
    assert _facts(record) == [
        (1, 19, [("教體局", 23)], []),  # the place column (柳河街道) is no unit
        (2, 25, [("住建局", 29)], []),
        (3, 31, [("交通局", 35)], []),
    ]
    assert (record.meta.subdistrict, record.meta.level) == ("濟縣", "县")  # a county of one character, traditional
