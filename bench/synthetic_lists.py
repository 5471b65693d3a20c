"""Synthetic task-division documents in prose (任务分工方案 as text) with their truth.

Each document is deterministic from its seed: the same header as the task tables of ``bench/synthetic_tables.py``
(masthead, 文号, 关于印发《…》的通知, addressees, signature, date, the list's own title), then parts (一、…, sometimes
with 二级 parts （一）…) of numbered tasks (``1.`` ``1、`` or ``（1）``), each saying who does it in one of the genre's
ways: labels in brackets (（牵头单位：…；配合单位：…；责任领导：…）, ASCII or full-width, parts in any order), verbs
(（A牵头，B、C配合）, （A负责）), a unit marked （牵头） among the responsible ones, labelled lines of their own
(责任单位：… / 配合单位：… / 分管领导：…), or a label after the task's last sentence; and the forms of real documents:
``牵头单位:A`` / ``责任单位:B,C`` lines (B and C cooperate), ``[牵头单位:A;责任单位:B、各镇(街道、园区)]``,
``(A主办,B、C协办)`` and ``(A、B主办,C协办)``, and sections whose heading names the person leading their tasks
(``一、王伟副区长牵头重点工作``) over ``责任单位:`` lines, with ``A和B分别牵头、C`` and the first-listed rule stated
once mid-way (``(列第一位者为牵头或汇总单位,下同)``). Tasks wrap over lines as PDF extraction leaves them (names
split over a line break, page footers ``— 2 —`` between); some notices say that the unit listed first leads
(排在第一位的为牵头单位); a closing part (保障措施) has numbered items naming nobody, which are no tasks; some lists
end with a signature and a date right after the last task. The truth holds what the reader should find, line by
line.

Not imported by the CLI. Run as a script to write documents and their truth::

    python bench/synthetic_lists.py OUTDIR -n 100 --seed 1
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

__all__ = ["FORMS", "generate_list", "write_lists", "main"]


def _tables():
    """bench/synthetic_tables.py, loaded by path (bench is no package)."""
    name = "bench_synthetic_tables"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("synthetic_tables.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_T = _tables()
_L = _T._L

#: How a task says who does it.
FORMS = ("labels", "verbs", "marked", "lines", "inline", "lead_lines", "hosted", "square", "heading_leads")
_RESPONSIBLE = ("牵头单位", "责任单位", "牵头部门", "责任部门")
_COOPERATING = ("配合单位", "协办单位", "配合部门", "协同单位")
_LEAD = ("责任领导", "分管领导", "牵头领导")
_FIRST_LEADS = ("排在第一位的为牵头单位", "列第一位的为牵头单位", "排在首位的为牵头单位")
_CLOSING = ("加强组织领导。各单位要高度重视，明确专人负责。", "强化督查考核。定期通报任务进展情况。",
            "营造良好氛围。加大宣传力度，及时总结推广经验。")
_NUMBERING = ("{n}.", "{n}、", "（{n}）")
_COLLECTIVES = ("各镇（街道、园区）", "各县（市、区）", "各乡（镇、街道）")
_RULE = ("(列第一位者为牵头或汇总单位,下同)", "（排在第一位的为牵头单位，下同）")


class _ListDocument(_T._Document):
    """A task-division document whose tasks are numbered paragraphs."""

    def __init__(self, seed: int):
        super().__init__(seed)
        self.form = self.rng.choice(FORMS)
        self.truth.kind, self.truth.form = "division", self.form
        self.first_leads = self.form in ("labels", "lines") and self.rng.random() < 0.3
        self.footers = self.rng.random() < 0.3  # page footers (— 2 —) left between the lines of a task
        self.signed = self.rng.random() < 0.3  # a signature and a date right after the last task
        self.page = 1
        self.rule_at: int | None = None  # heading_leads: the task whose 责任单位 line states the first-listed rule
        self.section_lead: tuple[str, int] | None = None

    def header(self) -> None:
        super().header()
        if self.first_leads:  # the notice's sentence, before the signature
            at = next(i for i, t in enumerate(self.lines) if t.startswith("现将《"))
            self.lines[at] += f"各项任务中，{self.rng.choice(_FIRST_LEADS)}，其他为配合单位。"

    def body(self) -> None:
        rng = self.rng
        two_levels = rng.random() < 0.4 and self.form != "heading_leads"
        numbering = rng.choice(_NUMBERING)
        if two_levels:
            self.add("一、重点任务")
            self.truth.goals.append(("重点任务", None))
        number = 0
        sections = rng.sample(_T._SECTIONS, rng.randint(1, 3))
        restart = self.form == "heading_leads" and rng.random() < 0.5  # numbers restart in each section
        counts = [rng.randint(1 if len(sections) > 1 else 2, 4) for _ in sections]  # two tasks at least
        if self.form == "heading_leads" and rng.random() < 0.6:
            self.rule_at = rng.randint(1, sum(counts))
        for s, section in enumerate(sections):
            numeral = "一二三四五六七八九"[s]
            if self.form == "heading_leads":
                name, title = self.person(), rng.choice(self._lead_titles())
                section = f"{name}{title}{rng.choice(('牵头', '主抓'))}{rng.choice(('重点工作', '工作'))}"
                self.section_lead = (name, self.add(f"{numeral}、{section}"))
            else:
                self.add(f"（{numeral}）{section}" if two_levels else f"{numeral}、{section}")
            self.truth.goals.append((section, "重点任务" if two_levels else None))
            for k in range(counts[s]):
                number += 1
                shown = k + 1 if restart else number
                self.task(shown, numbering.format(n=shown), section, number)
        if self.signed:  # the list ends with its signature: no closing part
            return
        closing = "二" if two_levels else "一二三四五六七八九"[len(sections)]
        self.add(f"{closing}、保障措施")
        for k, text in enumerate(rng.sample(_CLOSING, 2), start=1):
            self.add(f"{k}.{text}")

    def _lead_titles(self) -> tuple[str, ...]:
        p, deputy = self.spec["office_prefix"], self.spec["deputy"]
        if p:
            return (f"{p}长", deputy, f"常务{deputy}", f"{p}政府党组成员")
        return (deputy, deputy.replace("副", ""), "党工委副书记")

    def task(self, number: int, label: str, section: str, index: int = 0) -> None:
        rng = self.rng
        self.index = index
        text = f"{rng.choice(_T._VERBS)}{rng.choice(_T._OBJECTS)}{rng.randint(2, 120)}{rng.choice(_T._MEASURES)}" \
               f"{rng.choice(_T._EXTRA)}。"
        truth = _T.TaskTruth(number=number, line=0, text=text, goal=section)
        responsible = list(dict.fromkeys(self.unit() for _ in range(rng.choice((1, 1, 2)))))
        cooperating = [u for u in dict.fromkeys(self.unit() for _ in range(rng.choice((0, 1, 2))))
                       if u not in responsible]
        if rng.random() < 0.15:
            cooperating.append("各" + rng.choice(("街道", "镇（街道）", "村（居）委会")))
        elif self.form == "square" and rng.random() < 0.4:
            cooperating.append(rng.choice(_COLLECTIVES))  # a 、 inside its brackets parts no units
        lead = None
        if rng.random() < 0.5 and self.form in ("labels", "lines"):
            lead = (self.post(), True) if rng.random() < 0.25 else (self.person(), False)
        pieces = self.assignment(responsible, cooperating, lead)  # [(text, [(name, role)])] parts, in order
        if self.form == "heading_leads":
            truth.leads.append((self.section_lead[0], self.section_lead[1], True, False))
        # the task as written: label + text (+ the assignment in brackets or inline), cut into lines
        first = self.add("")  # placeholder: the first line of the task
        written = label + text
        names_at: list[tuple[str, str, int]] = []  # (name, role, offset in written)
        own_lines: list[tuple[str, list]] = []
        if self.form in ("lines", "lead_lines", "heading_leads"):
            own_lines = pieces
        else:
            clause_at = len(written)
            if self.form == "inline":
                body, parts = pieces[0]
                written += body
            else:
                open_, close, sep = rng.choice((("（", "）", "；"), ("(", ")", ";"), ("（", "）", "；")))
                if self.form in ("verbs", "hosted"):
                    sep = rng.choice(("，", ",")) if self.form == "hosted" else "，"
                elif self.form == "square":
                    open_, close, sep = "[", "]", rng.choice((";", "；"))
                written += open_ + sep.join(p for p, _ in pieces) + close
            at = clause_at
            for part, names in pieces:
                at = written.index(part, at)
                value_at = at + part.index("：") + 1 if "：" in part else at  # the names stand after the label
                for name, role in names:
                    names_at.append((name, role, written.index(name, value_at)))
        self.lines.pop()
        line_of = self.write(self.cut(written))
        truth.line = first
        for name, role, offset in names_at:
            self.record(truth, name, role, line_of(offset))
        for part, names in own_lines:
            cut = self.split_name(part, names) if self.form in ("lead_lines", "heading_leads") else [part]
            part_line = self.write(cut)
            at = part.index("：") + 1 if "：" in part else part.index(":") + 1 if ":" in part else 0
            for name, role in names:
                at = part.index(name, at)
                self.record(truth, name, role, part_line(at))
                at += len(name)
        if self.first_leads and len(truth.responsible) > 1 and not any(m for m in truth.responsible if m[2]):
            truth.cooperating = truth.responsible[1:] + truth.cooperating
            truth.responsible = truth.responsible[:1]
        self.truth.tasks.append(truth)

    def write(self, pieces: list[str]):
        """Add the pieces of one text as lines (a page footer maybe between two); a function offset → line."""
        starts, nos, pos = [], [], 0
        for i, piece in enumerate(pieces):
            if i and self.footers and self.rng.random() < 0.3:
                self.page += 1
                self.add(self.rng.choice(("— {n} —", "- {n} -", "— — — {n} —")).format(n=self.page))
            starts.append(pos)
            nos.append(self.add(piece))
            pos += len(piece)
        return lambda offset: nos[max(i for i, s in enumerate(starts) if s <= offset)]

    def split_name(self, part: str, names: list) -> list[str]:
        """A labelled line as a PDF leaves it: sometimes broken inside a unit's name (not a collective's)."""
        plain = [n for n, _ in names if not n.startswith("各") and len(n) >= 4]
        if not plain or self.rng.random() < 0.6:
            return [part]
        name = self.rng.choice(plain)
        at = part.index(name, part.index(":") + 1 if ":" in part else part.index("：") + 1)
        k = at + self.rng.randint(1, len(name) - 2)
        return [part[:k], part[k:]]

    @staticmethod
    def record(truth, name: str, role: str, line: int) -> None:
        if role == "lead" or role == "post":
            truth.leads.append((name, line, False, role == "post"))
        elif role == "cooperating":
            truth.cooperating.append((name, line, False))
        else:
            truth.responsible.append((name, line, False))

    def assignment(self, responsible: list[str], cooperating: list[str], lead) -> list[tuple[str, list]]:
        """The parts of the assignment as written, each with the names it holds and their roles."""
        rng = self.rng
        sep = rng.choice(("、", "、", "，")) if self.form != "verbs" else "、"
        resp = [(u, "responsible") for u in responsible]
        coop = [(u, "cooperating") for u in cooperating]
        lead_part = []
        if lead:
            word = rng.choice(_LEAD)
            lead_part = [(f"{word}：{lead[0]}", [(lead[0], "post" if lead[1] else "lead")])]
        if self.form == "verbs":
            parts = [(f"{sep.join(responsible)}{rng.choice(('牵头', '负责'))}", resp)]
            if cooperating:
                parts.append((f"{sep.join(cooperating)}配合", coop))
            return parts
        if self.form == "hosted":  # (A、B主办,C协办): every 主办 unit responsible, the 协办 ones cooperate
            parts = [(f"{'、'.join(responsible)}主办", resp)]
            if cooperating:
                parts.append((f"{'、'.join(cooperating)}协办", coop))
            return parts
        colon = rng.choice((":", "：")) if self.form in ("lead_lines", "square", "heading_leads") else "："
        if self.form in ("lead_lines", "square"):  # 牵头单位 A, then the task's other units: they cooperate
            lead_word = rng.choice(("牵头单位", "牵头部门"))
            parts = [(f"{lead_word}{colon}{responsible[0]}", [(responsible[0], "responsible")])]
            others = [(u, "cooperating") for u in responsible[1:]] + coop
            if others:
                word = rng.choice(("责任单位", "责任单位", "协办单位"))
                parts.append((f"{word}{colon}{rng.choice(('、', ','))[0].join(n for n, _ in others)}", others))
            return parts
        if self.form == "heading_leads":
            return [self.heading_units(responsible, cooperating, colon)]
        if self.form == "marked" and len(responsible) > 1:
            shown = [f"{u}（牵头）" if i == 0 else u for i, u in enumerate(responsible)]
            names = [(responsible[0], "responsible")] + [(u, "cooperating") for u in responsible[1:]]
            parts = [(f"责任单位：{sep.join(shown)}", names)]
            if cooperating:
                parts.append((f"配合单位：{sep.join(cooperating)}", coop))
            return parts
        parts = [(f"{rng.choice(_RESPONSIBLE)}：{sep.join(responsible)}", resp)]
        if cooperating:
            parts.append((f"{rng.choice(_COOPERATING)}：{sep.join(cooperating)}", coop))
        if self.form == "inline":
            return [("；".join(p for p, _ in parts), [n for _, names in parts for n in names])]
        parts += lead_part
        if self.form == "labels" and rng.random() < 0.3:
            rng.shuffle(parts)
        return parts

    def heading_units(self, responsible: list[str], cooperating: list[str], colon: str) -> tuple[str, list]:
        """The 责任单位 line of a task under a heading lead: the first-listed rule from ``rule_at`` on (stated there),
        ``A和B分别牵头、C`` now and then; before the rule, a list of units alone is responsible whole."""
        units = responsible + cooperating
        ruled = self.rule_at is not None and self.index >= self.rule_at
        if len(responsible) == 2 and cooperating and self.rng.random() < 0.5:
            names = [(u, "responsible") for u in responsible] + [(u, "cooperating") for u in cooperating]
            return (f"责任单位{colon}{responsible[0]}和{responsible[1]}分别牵头、{'、'.join(cooperating)}", names)
        if ruled:
            names = [(units[0], "responsible")] + [(u, "cooperating") for u in units[1:]]
        else:
            names = [(u, "responsible") for u in units]
        rule = self.rng.choice(_RULE) if self.index == self.rule_at else ""
        return (f"责任单位{colon}{'、'.join(units)}{rule}", names)

    def cut(self, text: str) -> list[str]:
        """The text as PDF extraction leaves it: cut every 20 to 34 characters (never inside a label's colon)."""
        out = []
        while len(text) > 34 and self.rng.random() < 0.8:
            k = self.rng.randint(20, 34)
            while k < len(text) and text[k] in "：:":
                k += 1
            out.append(text[:k])
            text = text[k:]
        out.append(text)
        return out

    def footer(self) -> None:
        if self.signed:
            self.add(self.rng.choice(self.spec["bodies"]).format(j=self.jurisdiction))
            self.add(f"{self.truth.date[:4]}年{int(self.truth.date[5:7])}月{int(self.truth.date[8:])}日")
        self.add("")
        if self.rng.random() < 0.6:
            self.add("抄送：区委办公室，区人大常委会办公室。" if self.spec["office_prefix"] == "区" else "抄送：各有关单位。")


def generate_list(seed: int):
    """Generate the document of ``seed`` with its truth (a ``SyntheticTable`` of bench/synthetic_tables.py whose
    ``rows`` are empty: the document is paragraphs only).

    Examples
    --------
    >>> d = generate_list(3)
    >>> d.truth.title in d.text, d.truth.form in FORMS, len(d.truth.tasks) >= 1
    (True, True, True)
    """
    doc = _ListDocument(seed)
    doc.header()
    doc.body()
    doc.footer()
    text = "\n".join(doc.lines) + "\n"
    return _T.SyntheticTable(f"list-{seed:06d}.txt", text, doc.truth, [t for t in doc.lines if t])


def write_lists(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` documents and ``truth.jsonl`` (one line per document) into ``folder``."""
    return _L.write_corpus(folder, n, seed, generate_list)


def main(argv: list[str] | None = None) -> int:
    return _L.corpus_main(argv, write_lists, "task lists in prose", __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
