"""Revised versions of the synthetic plans (bench/synthetic.py) that know their own changes: the truth of ``diff``.

A revision is the plan of the same seed a year later: the same 街道, title, leading group and task
table, printed anew (other line breaks, other spellings of the units, another 文号 and date), with a
few changes drawn from a second seed, each of them recorded:

- tasks removed, added (in a project of the table) and reworded (a number in the text changed, or a
  clause added); the rows after a removed or added one are renumbered, as a revised table is;
- per task, the lead replaced or dropped, the responsible unit replaced, a cooperating unit added
  or dropped, the responsible and a cooperating unit swapped;
- a member of the group leaving with a successor taking the same posts, a new 副组长 joining, a
  member becoming 副组长, a 副组长 without posts leaving.

The changes are drawn so that they are what they say and nothing else: an added or reworded task's
text is unlike every other task's, units moved to are units the table already names (no unit
appears that could pass for another renamed), a member who leaves leads no task.

Not imported by the CLI. As a script, it writes pairs of plans and the changes of each::

    python bench/synthetic_revisions.py OUTDIR -n 20 --seed 1
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

if "bench_synthetic" not in sys.modules:  # bench/ is no package: load the generator beside this file
    _spec = importlib.util.spec_from_file_location("bench_synthetic", Path(__file__).with_name("synthetic.py"))
    sys.modules["bench_synthetic"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["bench_synthetic"])
_s = sys.modules["bench_synthetic"]

__all__ = ["Change", "Revision", "generate_revision", "main"]

_COLLECTIVE = frozenset(_s._COLLECTIVES)
_ADDED_CLAUSES = ("确保按期完成", "形成长效管理机制", "定期通报工作进展", "纳入年度考核")


@dataclass(frozen=True)
class Change:
    """One change of a revision, as ``graphmodel diff`` should report it.

    ``task_before`` / ``task_after``: the task's number in each version (None where the task is not
    there, or has no number); ``subject``: the lead's, unit's or official's name (None for a task's
    own changes); ``before`` / ``after``: texts, roles (组长 …) or a unit's part (responsible,
    cooperating), None on the side that lacks it.
    """

    kind: str
    task_before: int | None
    task_after: int | None
    subject: str | None
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Revision:
    """A plan, its revision and the changes from one to the other."""

    old: object  # bench/synthetic.py SyntheticPlan
    new: object
    changes: tuple[Change, ...]


@dataclass
class _Row:
    """A row of the revised table before it is printed: the task's facts and its number in each version."""

    group: str
    project: str
    text: str
    leads: list[str]
    responsible: str | None
    cooperating: list[str]
    numbered: bool
    old_number: int | None = None  # None: added
    number: int | None = None


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a.rstrip("。"), b.rstrip("。"), autojunk=False).ratio()


class _Revised(_s._Plan):
    """The plan of a seed, printed anew with the changes drawn from ``edit_seed``."""

    def __init__(self, base, edit_seed: int):
        super().__init__(base.seed, None, True, frozenset())
        self.edits = random.Random(edit_seed)
        self.changes: list[Change] = []
        y, m, d = self.date
        self.date, self.printed = (y + 1, m, d), (y + 1, m + 1, self.edits.randint(1, 28))
        self.number = f"浦{self.subdistrict[0]}委〔{y + 1}〕{self.edits.randint(1, 120)}号"
        self.used_names |= {o.name for o in base.truth.officials}
        self.base_streets = set(base.truth.streets)
        self.rows = self._rows_of(base.truth)
        self._change_group()
        self._change_tasks()
        self._number_rows()

    def _rows_of(self, truth) -> list[_Row]:
        projects = [(g, p) for g, ps in self.groups for p, c in ps for _ in range(c)]
        return [_Row(g, p, t.text, list(t.leads), t.responsible, list(t.cooperating), t.number is not None,
                     old_number=t.number) for (g, p), t in zip(projects, truth.tasks)]

    # ----------------------------------------------------------------- the group
    def _change_group(self) -> None:
        e = self.edits
        members = [o for o in self.officials if o[1] == "成员"]
        if members and e.random() < 0.5:  # a member leaves, a successor takes the same posts
            old = e.choice(members)
            new = [self.person(), "成员", old[2]]
            self.officials[self.officials.index(old)] = new
            for heads in self.heads.values():
                heads[:] = [(new[0] if n == old[0] else n, deputy) for n, deputy in heads]
            self.changes += [Change("official-left", None, None, old[0], "成员", None),
                             Change("official-joined", None, None, new[0], None, "成员")]
            members.remove(old)
        if e.random() < 0.4:
            name = self.person()
            self._place([name, "副组长", [(e.choice(("二级调研员", "三级调研员")), None, False)]])
            self.changes.append(Change("official-joined", None, None, name, None, "副组长"))
        if members and e.random() < 0.4:
            promoted = e.choice(members)
            self.officials.remove(promoted)
            self._place([promoted[0], "副组长", promoted[2]])
            self.changes.append(Change("role-changed", None, None, promoted[0], "成员", "副组长"))
        idle = [o for o in self.officials if o[1] == "副组长" and o[0] not in self.leads
                and not any(o[0] in r.leads for r in self.rows)
                and all(unit is None for _t, unit, _d in o[2]) and o[0] not in {c.subject for c in self.changes}]
        if idle and e.random() < 0.4:
            gone = e.choice(idle)
            self.officials.remove(gone)
            self.changes.append(Change("official-left", None, None, gone[0], "副组长", None))

    def _place(self, official: list) -> None:
        """Put an official at the end of their role's block of the list."""
        last = max(i for i, o in enumerate(self.officials) if o[1] in ("组长", "常务副组长", "副组长"))
        self.officials.insert(last + 1, official)

    # ----------------------------------------------------------------- the tasks
    def _change_tasks(self) -> None:
        e = self.edits
        self.pending: list[tuple[str, _Row, str | None, str | None, str | None]] = []
        texts = [r.text for r in self.rows]
        for r in e.sample(self.rows, min(len(self.rows) - 1, e.choice((0, 0, 1, 2)))):
            self.rows.remove(r)
            self.changes.append(Change("task-removed", r.old_number, None, None, r.text, None))
        for r in e.sample(self.rows, min(len(self.rows), e.choice((0, 1, 1, 2)))):
            text = self._reworded(r.text, texts)
            if text:
                self.pending.append(("task-reworded", r, None, r.text, text))
                texts.append(text)
                r.text = text
        units = sorted({u for r in self.rows for u in (r.responsible, *r.cooperating) if u and u not in _COLLECTIVE})
        for r in e.sample(self.rows, min(len(self.rows), e.choice((0, 1, 1, 2)))):
            self._change_lead(r)
        for r in e.sample(self.rows, min(len(self.rows), e.choice((0, 1, 2, 3)))):
            self._change_units(r, units)
        for _ in range(e.choice((0, 0, 1, 2))):
            self._add_row(texts, units)

    def _reworded(self, text: str, texts: list[str]) -> str | None:
        """The text with a number changed or a clause added, like the old one and unlike every other text."""
        e = self.edits
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        for _ in range(20):
            if digits and e.random() < 0.6:
                i = e.choice(digits)
                new = text[:i] + str((int(text[i]) + e.randint(1, 8)) % 10) + text[i + 1:]
            else:
                new = text.rstrip("。") + "，" + e.choice(_ADDED_CLAUSES) + "。"
            if new != text and _similarity(new, text) >= 0.85 and all(
                    _similarity(new, t) < 0.55 for t in texts if t != text):
                return new
        return None

    def _change_lead(self, r: _Row) -> None:
        others = [lead for lead in self.leads if lead not in r.leads]
        if len(r.leads) == 1 and others and self.edits.random() < 0.8:
            new = self.edits.choice(others)
            self.pending += [("lead-removed", r, r.leads[0], r.leads[0], None), ("lead-added", r, new, None, new)]
            r.leads = [new]
        elif len(r.leads) == 1:
            self.pending.append(("lead-removed", r, r.leads[0], r.leads[0], None))
            r.leads = []

    def _change_units(self, r: _Row, units: list[str]) -> None:
        e = self.edits
        free = [u for u in units if u != r.responsible and u not in r.cooperating]
        coops = [u for u in r.cooperating if u not in _COLLECTIVE]
        how = e.choice(("replace", "add", "drop", "swap"))
        if how == "replace" and free and r.responsible:
            new = e.choice(free)
            self.pending += [("unit-removed", r, r.responsible, "responsible", None),
                             ("unit-added", r, new, None, "responsible")]
            r.responsible = new
        elif how == "add" and free:
            new = e.choice(free)
            self.pending.append(("unit-added", r, new, None, "cooperating"))
            r.cooperating.append(new)
        elif how == "drop" and coops:
            gone = e.choice(coops)
            self.pending.append(("unit-removed", r, gone, "cooperating", None))
            r.cooperating.remove(gone)
        elif how == "swap" and coops and r.responsible:
            other = e.choice(coops)
            self.pending += [("unit-role-changed", r, r.responsible, "responsible", "cooperating"),
                             ("unit-role-changed", r, other, "cooperating", "responsible")]
            r.cooperating[r.cooperating.index(other)] = r.responsible
            r.responsible = other

    def _add_row(self, texts: list[str], units: list[str]) -> None:
        e = self.edits
        for _ in range(20):
            text, _streets = self.task_text(sentences=1)
            if all(_similarity(text, t) < 0.5 for t in texts):
                break
        else:
            return
        at = e.randrange(len(self.rows))
        resp = e.choice(units)
        coops = e.sample([u for u in units if u != resp], min(len(units) - 1, e.choice((0, 1, 2))))
        row = _Row(self.rows[at].group, self.rows[at].project, text, [e.choice(self.leads)], resp, coops, True)
        self.rows.insert(at + 1, row)
        texts.append(text)
        self.pending.append(("task-added", row, None, None, text))

    def _number_rows(self) -> None:
        self.rows[0].numbered = True
        number = 0
        for r in self.rows:
            if r.numbered:
                number += 1
                r.number = number
        for kind, r, subject, before, after in self.pending:
            self.changes.append(Change(kind, r.old_number, r.number, subject, before, after))

    # ----------------------------------------------------------------- writing
    def _table(self, w) -> list:
        """The revised task table, printed as bench/synthetic.py prints one."""
        rng = self.rng
        w.add(" 附件 2")
        header = "序号 一级指标 二级项目 三级内容 牵头领导 责任部门 配合部门"
        self.paragraphs = [line.strip() for line in w.lines if line.strip()]
        self.table_rows = [tuple(header.split())]
        w.add(header)
        layout = _s._Layout(content=rng.randint(24, 27), responsible=rng.choice((5, 5, 5, 4, 6)),
                            cooperating=rng.choice((7, 7, 6, 8)), padded=rng.random() < 0.4,
                            inline=rng.uniform(0.2, 0.6))
        tasks, group, project = [], None, None
        for r in self.rows:
            fragments = ((_s._chunks(r.group, 5) if r.group != group else [])
                         + (_s._chunks(r.project, 4) if (r.group, r.project) != (group, project) else []))
            group, project = r.group, r.project
            streets = sorted(s for s in self._street_names | self.base_streets if s in r.text)
            row = _s._Row(number=r.number, leads=list(r.leads), responsible=r.responsible, cooperating=list(r.cooperating),
                          written_responsible=self.spelling(r.responsible),
                          written_cooperating=[self.spelling(u) for u in r.cooperating],
                          content=_s._wrap_content(r.text, layout.content), streets=streets)
            w.extend(self._row_lines(row, fragments, layout))
            self.table_rows.append(("" if r.number is None else str(r.number), "", "", r.text, "、".join(r.leads),
                                    row.written_responsible, "、".join(row.written_cooperating)))
            self.streets += streets
            tasks.append(_s.TaskTruth(r.number, r.text, tuple(r.leads), r.responsible,
                                      tuple(sorted(set(r.cooperating))), self.accountable(r.responsible), r.project))
        return tasks


def generate_revision(seed: int, edit_seed: int | None = None) -> Revision:
    """A synthetic plan with a task table, its revision a year later, and the changes between them.

    Parameters
    ----------
    seed : int
        The plan's seed (``bench/synthetic.py``'s ``generate_plan(seed, table=True)``).
    edit_seed : int, optional
        The seed the changes are drawn from; by default ``seed``.

    Returns
    -------
    Revision
        ``old`` and ``new`` are SyntheticPlans (``new.truth`` is what the revision holds), ``changes``
        what ``graphmodel diff`` should find, no more.

    Examples
    --------
    >>> r = generate_revision(7)
    >>> r.old.subdistrict == r.new.subdistrict and r.old.truth.title == r.new.truth.title
    True
    >>> r.new.truth.date > r.old.truth.date and r.changes == generate_revision(7).changes
    True
    """
    old = _s.generate_plan(seed, table=True)
    plan = _Revised(old, seed if edit_seed is None else edit_seed)
    text, truth = plan.write()
    name = f"{plan.title}（{plan.date[0]}年修订）.txt"
    new = _s.SyntheticPlan(text=text, subdistrict=plan.subdistrict, file_name=name, seed=seed, truth=truth,
                           paragraphs=tuple(plan.paragraphs), table_rows=tuple(plan.table_rows))
    return Revision(old, new, tuple(plan.changes))


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python bench/synthetic_revisions.py OUTDIR -n 20 --seed 1``."""
    parser = argparse.ArgumentParser(description="Write pairs of synthetic plans and changes.jsonl.")
    parser.add_argument("outdir", type=Path, help="folder to write the pairs into (old/, new/)")
    parser.add_argument("-n", type=int, default=20, help="how many pairs (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="the corpus's seed (default 0)")
    args = parser.parse_args(argv)
    (args.outdir / "old").mkdir(parents=True, exist_ok=True)
    (args.outdir / "new").mkdir(parents=True, exist_ok=True)
    with open(args.outdir / "changes.jsonl", "w", encoding="utf-8") as out:
        for i in range(args.n):
            r = generate_revision(args.seed * _s.SUBDISTRICT_CAPACITY + i)
            (args.outdir / "old" / r.old.file_name).write_text(r.old.text, encoding="utf-8")
            (args.outdir / "new" / r.new.file_name).write_text(r.new.text, encoding="utf-8")
            record = {"old": r.old.file_name, "new": r.new.file_name, "changes": [vars(c) for c in r.changes]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {args.n} pairs and changes.jsonl to {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
