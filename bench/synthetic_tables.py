"""Synthetic task-division documents with their truth: 责任分解表, 重点工作计划, 民生实事, 任务分工方案.

Each document is deterministic from its seed and written in the genre: a masthead (sometimes), the 文号, the title
(关于印发《…》的通知), the addressees and a sentence, the signature and the date, the table's own title, then the
table — as a pipe table (ASCII or full-width pipes, a markdown separator row or not), one cell per line (a blank line
between rows) or tab-separated rows. Its columns are named with the words of the genre (分管领导 / 责任领导 /
区政府分管领导, 牵头单位 / 责任科室, 配合单位 / 协同单位 / 协办单位, 完成时限, 进展情况 …); section rows (一、…) head
groups of rows; a goal column may hold for the rows below; lead and unit cells are left empty (or 同上) under a
filled one — merged cells, which the reader must mark ``inherited`` with the row they came from — or say — for none;
leads are people (padded with ideographic or no-break spaces, with a post in brackets, before or after) or a post
alone (区政府分管领导); units are split by 、，,；/ or spaces; progress reports sit in their column and on rows of their
own. Beside the text, :class:`TableTruth` holds what the reader should find, line by line.

Vocabulary (levels, bodies, units, names) is shared with the 领导小组 notices of ``bench/synthetic_layouts.py``.
Not imported by the CLI. Run as a script to write documents and their truth::

    python bench/synthetic_tables.py OUTDIR -n 100 --seed 1
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FORMS", "KINDS", "TableTruth", "TaskTruth", "SyntheticTable", "generate_table", "write_tables", "main"]


def _layouts():
    """bench/synthetic_layouts.py, loaded by path (bench is no package)."""
    name = "bench_synthetic_layouts"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("synthetic_layouts.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_L = _layouts()
LEVELS, _PLACE = _L.LEVELS, _L._PLACE

_PLAIN_FORMS = ("pipe", "cells", "tabs")  # drawn first (bench/synthetic_lists.py shares the draw)
#: How the table is written in the text: pipes, one cell per line, tabs, one cell per paragraph.
FORMS = (*_PLAIN_FORMS, "paragraphs")
_OWN_LINES = ("cells", "paragraphs")  # the forms that give each cell a line of its own

#: The kinds of document: (title ending, header words per role, whether it has a goal column and a progress column).
KINDS: dict[str, dict] = {
    "duty": dict(title="重点任务责任分解表", number=("序号",), goal=None, task=("重点任务", "工作任务", "主要任务"),
                 lead=("分管领导", "{p}政府分管领导", "牵头领导"), responsible=("牵头单位", "牵头部门"),
                 cooperating=("配合单位", "配合部门", "协办单位"), deadline=("完成时限", "时间节点"), progress=None),
    "plan": dict(title="重点工作计划", number=("序号", "编号"), goal=("重点工作", "工作类别"),
                 task=("工作内容", "具体措施", "工作目标"), lead=("责任领导", "联系领导"),
                 responsible=("责任科室", "责任部门"), cooperating=("配合科室", "协同部门"),
                 deadline=("完成时间",), progress=None),
    "livelihood": dict(title="民生实事项目推进表", number=("序号",), goal=("实事项目", "项目名称"),
                       task=("目标任务",), lead=("责任领导", "{p}政府分管领导"), responsible=("牵头单位", "责任单位"),
                       cooperating=("协同单位", "配合单位"), deadline=None, progress=("进展情况", "推进情况")),
    "division": dict(title="任务分工方案", number=("序号",), goal=None, task=("具体任务", "工作任务"),
                     lead=("牵头领导", "责任领导"), responsible=("责任单位", "牵头单位"),
                     cooperating=("协同单位", "配合单位"), deadline=("完成时限",), progress=None),
}
_TOPICS = ("优化营商环境", "城市更新", "乡村振兴", "安全生产", "生态环境保护", "文明城市创建", "数字化转型", "为民办实事")
_SECTIONS = ("提升政务服务效能", "优化要素保障", "强化基础设施", "改善人居环境", "保障改善民生", "推进平安建设",
             "深化改革创新", "加强生态治理")
_GOALS = ("美丽乡村", "农民增收", "基层治理", "城市管理", "养老服务", "教育医疗", "交通出行", "河道治理", "产业发展")
_VERBS = ("推进", "完成", "建成", "开展", "落实", "实施", "新建", "改造", "完善", "健全")
_OBJECTS = ("老旧小区综合改造", "社区长者食堂", "高标准农田", "农村饮水安全工程", "城市道路", "企业开办服务",
            "涉企收费清理", "公共停车泊位", "口袋公园", "雨污分流管网", "便民服务点", "智慧安防小区", "充电桩")
_MEASURES = ("个", "处", "公里", "家", "项", "亩", "座")
_EXTRA = ("，实现全覆盖", "，建立长效机制", "，按期通过验收", "，群众满意度明显提升", "")
_PROGRESS = ("已完成选址。", "正在招标。", "已开工建设。", "完成进度过半。", "已完成方案设计。")
_PADS = ("\u3000", "\u00a0", " ")
_UNIT_SEPARATORS = ("、", "、", "，", ",", "；", "/", " ")


@dataclass
class TaskTruth:
    """One task row: its number and line, text, and each mention as ``(name, line it was read on, inherited)``;
    a lead also says whether it is a post (``(name, line, inherited, post)``)."""

    number: int
    line: int
    text: str
    leads: list[tuple[str, int, bool, bool]] = field(default_factory=list)
    responsible: list[tuple[str, int, bool]] = field(default_factory=list)
    cooperating: list[tuple[str, int, bool]] = field(default_factory=list)
    goal: str | None = None
    goal_inherited: bool = False
    #: The header's word for each mention, per role, in the order of the mentions (``Mention.as_written``).
    as_written: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class TableTruth:
    """What a document says, as the reader should find it (lines are 1-based line numbers of the text)."""

    issuer: str
    level: str
    title: str
    number: str
    date: str
    kind: str
    form: str
    tasks: list[TaskTruth] = field(default_factory=list)
    goals: list[tuple[str, str | None]] = field(default_factory=list)  # (name, parent) in order of first mention


@dataclass
class SyntheticTable:
    """A generated document: its file name, text and truth.

    ``before``, ``rows`` and ``after`` are the same document as blocks, for a renderer of real tables
    (bench/render.py): the lines before the table, the table's rows as cells (the header first, merged
    cells empty, section and progress rows with one filled cell), the lines after it; ``merge_down``
    names the columns whose empty cells continue the cell above.
    """

    file_name: str
    text: str
    truth: TableTruth
    before: list[str] = field(default_factory=list)
    rows: list[tuple[str, ...]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    merge_down: frozenset[int] = frozenset()


@dataclass
class _Variety:
    """What a generated table holds beyond the plain forms of the genre."""

    paragraphs: bool = False  # one cell per paragraph (a web page's table copied to text)
    places: bool = False  # a 当前进度 column whose cells name places (80%（某某镇进度滞后）)
    note: bool = False  # a 备注 column (区民生实事)
    scorer: bool = False  # a 评分部门 column naming a unit that is no unit of the task
    contract: bool = False  # 牵头单位 then 责任单位: the 责任单位 units cooperate
    marks: bool = False  # a unit marked （牵头） in a 责任单位 cell leads, the others of the cell cooperate
    brackets: bool = False  # units with brackets (a 、 inside), wrapped before the bracket where cells have lines
    omit: bool = False  # a merged lead or goal cell written once, left out of the rows below (cells, paragraphs)
    content_header: bool = False  # the task column named 项目内容 (a compound named by its last word)


@dataclass
class _Cell:
    """A cell as written, and what it holds for the truth."""

    text: str  # as written ("" or 同上 for a merged cell)
    names: list = field(default_factory=list)


class _Document:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        rng = self.rng
        self.level = rng.choice(list(LEVELS))
        self.spec = LEVELS[self.level]
        self.place = "".join(rng.sample(_PLACE, 2))
        self.jurisdiction = self.place + self.spec["suffix"]
        self.kind = rng.choice(list(KINDS))
        self.form = rng.choice(_PLAIN_FORMS)
        self.vary = random.Random(seed * 7919 + 104729)  # the variety beyond the plain forms (choose_variety)
        self.variety = _Variety()
        self.lines: list[str] = []
        self.rows: list[tuple[str, ...]] = []
        self.table_at = 0  # how many lines stand before the table
        self.used: set[str] = set()
        self.truth = TableTruth(self.jurisdiction, self.level, "", "", "", self.kind, self.form)

    def add(self, line: str) -> int:
        self.lines.append(line)
        return len(self.lines)

    # ------------------------------------------------------------------ vocabulary
    def person(self) -> str:
        return _L.new_person(self.rng, self.used)

    def unit(self) -> str:
        return self.spec["office_prefix"] + self.rng.choice(self.spec["units"])

    def post(self) -> str:
        p, deputy = self.spec["office_prefix"], self.spec["deputy"]
        return self.rng.choice((f"{p}政府分管领导", f"分管{deputy}", f"{p}分管领导") if p else ("分管领导", f"分管{deputy}"))

    # ------------------------------------------------------------------ parts
    def header(self) -> None:
        rng, spec = self.rng, self.spec
        body = rng.choice(spec["bodies"]).format(j=self.jurisdiction)
        if rng.random() < 0.4:
            self.add(body + "文件")
        year, no = rng.randint(2020, 2025), rng.randint(1, 199)
        self.truth.number = spec["number"].format(p=self.place[:1]) + f"〔{year}〕{no}号"
        self.add(self.truth.number)
        self.truth.title = f"{self.jurisdiction}{year}年{rng.choice(_TOPICS)}{KINDS[self.kind]['title']}"
        self.add(f"关于印发《{self.truth.title}》的通知")
        self.add("")
        self.add("各有关单位：")
        self.add(f"现将《{self.truth.title}》印发给你们，请结合实际认真贯彻落实。")
        self.add("")
        self.add(body)
        m, d = rng.randint(1, 12), rng.randint(1, 28)
        self.add(f"{year}年{m}月{d}日")
        self.truth.date = f"{year:04d}-{m:02d}-{d:02d}"
        self.add("")
        self.add(self.truth.title)
        self.add("")

    def choose_variety(self) -> None:
        """What else the table holds beyond the plain form, drawn from a second random stream (the documents of
        bench/synthetic_lists.py share this class's header and vocabulary, and stay the same)."""
        v = self.vary
        kind = KINDS[self.kind]
        self.variety = _Variety(
            paragraphs=v.random() < 0.25, places=v.random() < 0.35, note=v.random() < 0.35,
            scorer=v.random() < 0.2, contract=v.random() < 0.2, brackets=v.random() < 0.35,
            omit=v.random() < 0.7, content_header=kind["goal"] is not None and v.random() < 0.3,
        )
        self.variety.marks = not self.variety.contract and v.random() < 0.3
        if self.variety.paragraphs:
            self.form = self.truth.form = "paragraphs"

    def columns(self) -> list[tuple[str, str]]:
        """(role, header word) per column, in order; ``also`` is a 责任单位 column beside a 牵头单位 column."""
        rng, kind, var = self.rng, KINDS[self.kind], self.variety

        def word(role):
            return rng.choice(kind[role]).format(p=prefix)

        prefix = self.spec["office_prefix"] or "镇"
        cols = [("number", word("number"))]
        if kind["goal"]:
            cols.append(("goal", word("goal")))
        task = word("task")
        cols.append(("task", "项目内容" if var.content_header else task))
        people = [("lead", word("lead"))]
        responsible = word("responsible")
        units = [("responsible", responsible), ("cooperating", word("cooperating"))]
        if var.contract:
            units = [("responsible", "牵头单位"), ("also", self.vary.choice(("责任单位", "责任部门"))), units[1]]
        elif var.marks and "牵头" in responsible:
            units[0] = ("responsible", self.vary.choice(("责任单位", "责任部门")))
        cols += people + units if rng.random() < 0.7 else units + people
        for role in ("deadline", "progress"):
            if kind[role]:
                cols.append((role, word(role)))
        if var.places and not kind["progress"]:
            cols.append(("progress", "当前进度"))
        if var.scorer:
            cols.append(("scorer", self.vary.choice(("评分部门", "考核部门"))))
        if var.note:
            cols.append(("note", "备注"))
        return cols

    # ------------------------------------------------------------------ cells
    def lead_cell(self, held: list) -> _Cell:
        rng = self.rng
        if held and rng.random() < 0.3:
            return _Cell("" if self.form not in _OWN_LINES and rng.random() < 0.7 else "同上", ["held"])
        if rng.random() < 0.25:
            post = self.post()
            return _Cell(post, [(post, True)])
        people = [self.person() for _ in range(rng.choice((1, 1, 1, 2)))]
        written = []
        for name in people:
            style = rng.random()
            shown = name if len(name) == 3 or style < 0.6 else name[0] + rng.choice(_PADS) + name[1]
            if style > 0.85:
                shown = f"{name}（{self.spec['deputy']}）" if rng.random() < 0.5 else f"{self.spec['deputy']} {name}"
            written.append(shown)
        return _Cell(rng.choice(("、", "，", ",")).join(written), [(n, False) for n in people])

    def bracketed_unit(self) -> str:
        """A unit whose name holds brackets, some with a 、 inside that separates nothing."""
        p = self.spec["office_prefix"]
        units = self.spec["units"]
        return self.vary.choice((
            f"{p}{self.vary.choice(units)}（{p}{self.vary.choice(units)}）",
            "各镇（街道、园区）", "各村（社区、居）委会",
            f"各县（市、区）{self.vary.choice(('政府', '住建局', '民政局'))}" if self.level == "市" else "各镇（街道）",
        ))

    def unit_cell(self, held: list, may_be_empty: bool, mark: bool = False) -> _Cell:
        rng = self.rng
        if held and rng.random() < 0.3:
            return _Cell("" if self.form not in _OWN_LINES and rng.random() < 0.7 else "同上", ["held"])
        if may_be_empty and rng.random() < 0.2:
            return _Cell(rng.choice(("—", "/")), [])
        names = list(dict.fromkeys(self.unit() for _ in range(rng.choice((1, 1, 2, 3)))))
        if rng.random() < 0.1:
            names.append("各" + rng.choice(("街道", "镇（街道）", "村（居）委会", "有关单位")))
        if self.variety.brackets and self.vary.random() < 0.4:
            names = list(dict.fromkeys([*names, self.bracketed_unit()]))
        if mark and len(names) > 1:  # one unit marked as leading: it is responsible, the others cooperate
            lead = self.vary.randrange(len(names))
            names[lead] += "（牵头）"
        separator = rng.choice(_UNIT_SEPARATORS)
        text = separator.join(names)
        if self.variety.brackets and self.form in ("pipe", "tabs") and separator != " " and self.vary.random() < 0.5:
            text = re.sub(r"(?<=[^\s、，,；/])（(?!牵头)", " （", text, count=1)  # a space before a bracket
        return _Cell(text, names)

    def goal_cell(self, held: str | None) -> tuple[_Cell, str | None, bool]:
        rng = self.rng
        if held and rng.random() < 0.5:
            return _Cell("" if self.form not in _OWN_LINES else "同上"), held, True
        goal = rng.choice(_GOALS)
        return _Cell(goal), goal, False

    def other_cell(self, role: str) -> _Cell:
        """A cell of a column that names no task's unit: a deadline, progress (naming places), a note, a scorer."""
        rng, v = self.rng, self.vary
        none = "—" if self.form in _OWN_LINES else ""
        if role == "deadline":
            return _Cell(f"{rng.randint(2024, 2026)}年{rng.randint(1, 12)}月底")
        if role == "progress":
            if self.variety.places and v.random() < 0.6:
                place = "".join(v.sample(_L._PLACE, 2)) + v.choice(("镇", "乡", "街道", "村"))
                late = v.choice(("进度滞后", "推进缓慢", "未开工", "偏慢"))
                return _Cell(f"{v.randint(10, 99)}%" + (f"（{place}{late}）" if v.random() < 0.7 else ""))
            return _Cell(rng.choice(_PROGRESS) if rng.random() < 0.7 else none)
        if role == "scorer":  # a unit's name, but the unit scores the task: no unit of it
            return _Cell(self.unit() if v.random() < 0.8 else none)
        prefix = self.spec["office_prefix"] or "镇"
        return _Cell(v.choice((f"{prefix}民生实事", "市民生实事", "重点项目", none)))

    def merged_out(self, cells: dict, roles: list[str], held: dict, goal_inherited: bool) -> None:
        """Where a table gives each cell its own line (cells, paragraphs), leave out a merged lead or goal cell, as a
        web page's table copied to text writes a merged cell once: only where every other cell of the row tells its
        column (a unit, a date, a number, no "—" or 同上 that could stand in any column), and no cell wraps."""
        if self.form not in _OWN_LINES or not self.variety.omit:
            return
        others = [cells[r] for r in roles if r not in ("number", "task", "goal", "lead")]
        if any(c.text in ("", "—", "/", "同上") or "\n" in c.text for c in others):
            return
        if "lead" in held and cells["lead"].names == ["held"] and self.vary.random() < 0.9:
            cells["lead"] = _Cell("", ["held"])
        if goal_inherited and self.vary.random() < 0.9:
            cells["goal"] = _Cell("")

    def wrap(self, cells: dict, roles: list[str]) -> None:
        """A unit cell that wraps before a bracket (某某局 / （某某办）), in the forms that give a cell lines of its own."""
        if self.form not in _OWN_LINES or not self.variety.brackets:
            return
        for role in ("responsible", "also", "cooperating"):
            cell = cells.get(role)
            m = re.search(r"(?<=[^\s、，,；/])（(?!牵头)[^（）]{1,12}）", cell.text) if cell else None
            if m and self.vary.random() < 0.5:
                cells[role] = _Cell(cell.text[: m.start()] + "\n" + cell.text[m.start():], cell.names)
                return

    # ------------------------------------------------------------------ the table
    def table(self) -> None:
        rng = self.rng
        cols = self.columns()
        roles = [r for r, _ in cols]
        words = dict((r, w) for r, w in reversed(cols))
        self.table_at = len(self.lines)
        self.write_row([w for _, w in cols], header=True)
        sections = rng.random() < 0.5
        held: dict[str, tuple[list, int]] = {}  # role → (what it holds, the line it was read on)
        goal_held: str | None = None
        section: str | None = None
        number = 0
        used_sections = iter(rng.sample(_SECTIONS, len(_SECTIONS)))
        for k in range(rng.randint(4, 9)):
            if sections and (k == 0 or rng.random() < 0.25):
                section = next(used_sections)
                count = f"（共{rng.randint(2, 5)}项）" if rng.random() < 0.3 else ""
                numeral = "一二三四五六七八九"[sum(1 for g in self.truth.goals if g[1] is None and g[0] in _SECTIONS)]
                self.write_row([f"{numeral}、{section}{count}"] + [""] * (len(cols) - 1), section=True)
                self.truth.goals.append((section, None))
                held.clear()
                goal_held = None
            number += 1
            text = f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}{rng.randint(2, 120)}{rng.choice(_MEASURES)}" \
                   f"{rng.choice(_EXTRA)}。"
            cells, truth = {}, TaskTruth(number=number, line=0, text=text)
            goal_inherited = False
            for role in roles:
                if role == "number":
                    cells[role] = _Cell(str(number))
                elif role == "task":
                    cells[role] = _Cell(text)
                elif role == "goal":
                    cell, goal_held, goal_inherited = self.goal_cell(goal_held)
                    cells[role] = cell
                    truth.goal, truth.goal_inherited = goal_held, goal_inherited
                    if (goal_held, section) not in self.truth.goals and not goal_inherited:
                        if not any(g == goal_held for g, _ in self.truth.goals):
                            self.truth.goals.append((goal_held, section))
                elif role == "lead":
                    cells[role] = self.lead_cell(held.get(role, ([], 0))[0])
                elif role in ("responsible", "also", "cooperating"):
                    mark = role == "responsible" and self.variety.marks and self.vary.random() < 0.5
                    cells[role] = self.unit_cell(held.get(role, ([], 0))[0], role != "responsible", mark)
                else:
                    cells[role] = self.other_cell(role)
            self.wrap(cells, roles)
            self.merged_out(cells, roles, held, goal_inherited)
            if truth.goal is None and section:
                truth.goal = section
            at = self.write_row([cells[r].text for r in roles])
            truth.line = at[0]
            self.task_truth(truth, cells, roles, words, held, at)
            self.truth.tasks.append(truth)
            if "progress" in roles and rng.random() < 0.3:  # a progress report on a row of its own
                self.write_row([""] * (len(cols) - 1) + [rng.choice(_PROGRESS)], progress=True)
        self.roles = roles
        self.table_end = len(self.lines)

    def task_truth(self, truth: TaskTruth, cells: dict, roles: list[str], words: dict, held: dict,
                   at: list[int | None]) -> None:
        """The row's mentions as the reader should find them: merged cells from the line above, the unit marked
        （牵头） responsible and the others of its cell cooperating, a 责任单位 beside a 牵头单位 cooperating."""
        found: dict[str, list] = {}
        for role in ("lead", "responsible", "also", "cooperating"):
            if role not in cells:
                continue
            cell = cells[role]
            if cell.names == ["held"]:
                names, line = held[role]
                inherited = True
            else:
                names, line, inherited = cell.names, at[roles.index(role)] or at[0], False
                held[role] = (names, line)
            found[role] = [(n, line, inherited, words[role]) for n in names]
        truth.leads = [(n[0], line, inh, n[1]) for n, line, inh, _w in found.get("lead", [])]
        responsible = found.get("responsible", [])
        cooperating = [m for role in roles if role in ("also", "cooperating") for m in found.get(role, [])]
        marked = [m for m in responsible if m[0].endswith("（牵头）")]
        if marked:
            cooperating = [m for m in responsible if m not in marked] + cooperating
            responsible = [(m[0].removesuffix("（牵头）"), *m[1:]) for m in marked]
        truth.responsible = [m[:3] for m in responsible]
        truth.cooperating = [m[:3] for m in cooperating]
        truth.as_written = {"lead": [m[3] for m in found.get("lead", [])], "responsible": [m[3] for m in responsible],
                            "cooperating": [m[3] for m in cooperating]}

    def write_row(self, cells: list[str], header: bool = False, section: bool = False,
                  progress: bool = False) -> list[int | None]:
        """Write one row in the document's form; return the line each cell starts on (None: a cell left out)."""
        rng = self.rng
        self.rows.append(tuple(c.replace("\n", "") for c in cells))
        if self.form == "pipe":
            if progress:
                cells = ["" for _ in cells[:-1]] + [cells[-1]]
            bar = "｜" if rng.random() < 0.3 else "|"
            line = self.add(bar + bar.join(f" {c} " if c else " " for c in cells) + bar)
            if header and rng.random() < 0.7:
                self.add("|" + "|".join("---" for _ in cells) + "|")
            return [line] * len(cells)
        if self.form == "tabs":
            return [self.add("\t".join(cells))] * len(cells)  # a progress row, stripped to one cell, is skipped
        if progress:  # a row of one cell is a section in these forms: no progress rows of their own
            return [len(self.lines)] * len(cells)
        if section:
            cells = cells[:1]
        at: list[int | None] = []
        for cell in cells:  # one cell per line (a blank line after the row), or per paragraph
            if not cell and not header:
                at.append(None)  # a merged cell written once, above
                continue
            first, *rest = cell.split("\n")
            at.append(self.add(first))
            for part in rest:  # a cell wrapped before its bracket: the same paragraph, or one of its own
                if self.form == "paragraphs" and self.vary.random() < 0.5:
                    self.add("")
                self.add(part)
            if self.form == "paragraphs":
                self.add("")
        if self.form == "cells":
            self.add("")
        return at + [at[0]] * (len(cells) - len(at)) if section else at

    def footer(self) -> None:
        if self.form not in _OWN_LINES:
            self.add("")
        if self.rng.random() < 0.5:
            self.add("抄送：各有关单位。")


def generate_table(seed: int, varied: bool = False) -> SyntheticTable:
    """Generate the document of ``seed`` with its truth (the same seed gives the same document).

    ``varied`` adds the variety of real tables (one cell per paragraph, columns that name no unit, 牵头单位 beside
    责任单位, （牵头） marks, brackets, wrapped units, merged cells written once: :class:`_Variety`); without it the
    document is the plain one of the genre, as the format tests render it.

    Examples
    --------
    >>> d = generate_table(3)
    >>> d.truth.title in d.text, d.truth.form in FORMS, len(d.truth.tasks) >= 4
    (True, True, True)
    """
    doc = _Document(seed)
    if varied:
        doc.choose_variety()
    doc.header()
    doc.table()
    doc.footer()
    text = "\n".join(doc.lines) + "\n"
    merge = frozenset(i for i, role in enumerate(doc.roles)
                      if role in ("goal", "lead", "responsible", "also", "cooperating"))
    return SyntheticTable(f"table-{seed:06d}.txt", text, doc.truth, [t for t in doc.lines[: doc.table_at] if t],
                          doc.rows, [t for t in doc.lines[doc.table_end :] if t], merge)


def write_tables(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` documents (with the variety of real tables) and ``truth.jsonl`` (one line per document) into
    ``folder``."""
    return _L.write_corpus(folder, n, seed, lambda s: generate_table(s, varied=True))


def main(argv: list[str] | None = None) -> int:
    return _L.corpus_main(argv, write_tables, "task-division documents", __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
