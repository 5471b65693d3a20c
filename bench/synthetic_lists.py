"""Synthetic task-division documents in prose (任务分工方案 as text) with their truth.

Each document is deterministic from its seed: the same header as the task tables of ``bench/synthetic_tables.py``
(masthead, 文号, 关于印发《…》的通知, addressees, signature, date, the list's own title), then parts (一、…, sometimes
with 二级 parts （一）…) of numbered tasks (``1.`` ``1、`` or ``（1）``), each saying who does it in one of the genre's
ways: labels in brackets (（牵头单位：…；配合单位：…；责任领导：…）, ASCII or full-width, parts in any order), verbs
(（A牵头，B、C配合）, （A负责）), a unit marked （牵头） among the responsible ones, labelled lines of their own
(责任单位：… / 配合单位：… / 分管领导：…), or a label after the task's last sentence. Tasks wrap over lines as PDF
extraction leaves them; some notices say that the unit listed first leads (排在第一位的为牵头单位); a closing part
(保障措施) has numbered items naming nobody, which are no tasks. :class:`ListTruth` holds what the reader should
find, line by line.

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
FORMS = ("labels", "verbs", "marked", "lines", "inline")
_RESPONSIBLE = ("牵头单位", "责任单位", "牵头部门", "责任部门")
_COOPERATING = ("配合单位", "协办单位", "配合部门", "协同单位")
_LEAD = ("责任领导", "分管领导", "牵头领导")
_FIRST_LEADS = ("排在第一位的为牵头单位", "列第一位的为牵头单位", "排在首位的为牵头单位")
_CLOSING = ("加强组织领导。各单位要高度重视，明确专人负责。", "强化督查考核。定期通报任务进展情况。",
            "营造良好氛围。加大宣传力度，及时总结推广经验。")
_NUMBERING = ("{n}.", "{n}、", "（{n}）")


class _ListDocument(_T._Document):
    """A task-division document whose tasks are numbered paragraphs."""

    def __init__(self, seed: int):
        super().__init__(seed)
        self.form = self.rng.choice(FORMS)
        self.truth.kind, self.truth.form = "division", self.form
        self.first_leads = self.form in ("labels", "lines") and self.rng.random() < 0.3

    def header(self) -> None:
        super().header()
        if self.first_leads:  # the notice's sentence, before the signature
            at = next(i for i, t in enumerate(self.lines) if t.startswith("现将《"))
            self.lines[at] += f"各项任务中，{self.rng.choice(_FIRST_LEADS)}，其他为配合单位。"

    def body(self) -> None:
        rng = self.rng
        two_levels = rng.random() < 0.4
        numbering = rng.choice(_NUMBERING)
        if two_levels:
            self.add("一、重点任务")
            self.truth.goals.append(("重点任务", None))
        number = 0
        sections = rng.sample(_T._SECTIONS, rng.randint(1, 3))
        for s, section in enumerate(sections):
            numeral = "一二三四五六七八九"[s]
            self.add(f"（{numeral}）{section}" if two_levels else f"{numeral}、{section}")
            self.truth.goals.append((section, "重点任务" if two_levels else None))
            for _ in range(rng.randint(1 if len(sections) > 1 else 2, 4)):  # a list has two tasks at least
                number += 1
                self.task(number, numbering.format(n=number), section)
        closing = "二" if two_levels else "一二三四五六七八九"[len(sections)]
        self.add(f"{closing}、保障措施")
        for k, text in enumerate(rng.sample(_CLOSING, 2), start=1):
            self.add(f"{k}.{text}")

    def task(self, number: int, label: str, section: str) -> None:
        rng = self.rng
        text = f"{rng.choice(_T._VERBS)}{rng.choice(_T._OBJECTS)}{rng.randint(2, 120)}{rng.choice(_T._MEASURES)}" \
               f"{rng.choice(_T._EXTRA)}。"
        truth = _T.TaskTruth(number=number, line=0, text=text, goal=section)
        responsible = list(dict.fromkeys(self.unit() for _ in range(rng.choice((1, 1, 2)))))
        cooperating = [u for u in dict.fromkeys(self.unit() for _ in range(rng.choice((0, 1, 2))))
                       if u not in responsible]
        if rng.random() < 0.15:
            cooperating.append("各" + rng.choice(("街道", "镇（街道）", "村（居）委会")))
        lead = None
        if rng.random() < 0.5 and self.form in ("labels", "lines"):
            lead = (self.post(), True) if rng.random() < 0.25 else (self.person(), False)
        pieces = self.assignment(responsible, cooperating, lead)  # [(text, [(name, role)])] parts, in order
        # the task as written: label + text (+ the assignment in brackets or inline), cut into lines
        first = self.add("")  # placeholder: the first line of the task
        written = label + text
        names_at: list[tuple[str, str, int]] = []  # (name, role, offset in written)
        own_lines: list[tuple[str, list]] = []
        if self.form == "lines":
            own_lines = pieces
        else:
            clause_at = len(written)
            if self.form == "inline":
                body, parts = pieces[0]
                written += body
            else:
                open_, close, sep = rng.choice((("（", "）", "；"), ("(", ")", ";"), ("（", "）", "；")))
                if self.form == "verbs":
                    sep = "，"
                written += open_ + sep.join(p for p, _ in pieces) + close
            at = clause_at
            for part, names in pieces:
                at = written.index(part, at)
                value_at = at + part.index("：") + 1 if "：" in part else at  # the names stand after the label
                for name, role in names:
                    names_at.append((name, role, written.index(name, value_at)))
        self.lines.pop()
        lines = self.cut(written)
        starts, pos = [], 0
        for piece in lines:
            starts.append(pos)
            pos += len(piece)
        for piece in lines:
            self.add(piece)
        truth.line = first

        def line_of(offset: int) -> int:
            return first + max(i for i, s in enumerate(starts) if s <= offset)

        for name, role, offset in names_at:
            self.record(truth, name, role, line_of(offset))
        for part, names in own_lines:
            no = self.add(part)
            for name, role in names:
                self.record(truth, name, role, no)
        if self.first_leads and len(truth.responsible) > 1 and not any(m for m in truth.responsible if m[2]):
            truth.cooperating = truth.responsible[1:] + truth.cooperating
            truth.responsible = truth.responsible[:1]
        self.truth.tasks.append(truth)

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
