"""A reviewer's corrections (the review workbook, or a CSV of its columns) applied to the resolved models.

A row marked 错 (wrong) removes its fact, or, with a correction, replaces it: the role on a role row, the
name (the person, the unit) on the others. A row marked 缺 (missing) adds the fact its correction names to
the task (or plan, or office) of its fact code. Each applied row is kept in the fact's evidence
(``corrected: review.xlsx:17``) and in the model's ``corrected`` list, so applying the same rows again
changes nothing. A row whose fact the documents no longer hold is not applied: one warning names the row
(``correction-unmatched``), which ``audit`` reports too. Rows about a body that is not being read are
left alone: a workbook may cover more documents than one command reads.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from ._record import FrozenRecord
from .errors import ExportFileError
from .model import Evidence, Notice, Official, Relation, SubdistrictModel, Unit
from .names import clean, is_collective
from .review import FACT_KINDS, parse_code
from .schema import Label, Rel, node_id

__all__ = ["Correction", "read_corrections", "apply_corrections"]


class Correction(FrozenRecord):
    """One reviewer's row: ``verdict`` ``wrong`` or ``missing``, the fact (``kind``, ``anchor`` id, ``name``),
    the ``correction`` (the new role or name; for ``missing`` the name to add) and ``detail`` (a role or position
    to give an added fact). ``file`` and ``row`` say where it was written."""

    file: str
    row: int
    verdict: str
    kind: str
    anchor: str
    name: str
    correction: str | None = None
    detail: str | None = None

    @property
    def where(self) -> str:
        """``review.xlsx:17``: the row, as evidence names it."""
        return f"{self.file}:{self.row}"


def _header_keys() -> dict[str, str]:
    from .labels import REVIEW_COLUMNS

    return {h: key for key, label in REVIEW_COLUMNS for h in (label.zh, label.en, key)}


def _verdict(value: str) -> str | None:
    from .labels import VERDICTS

    text = str(value or "").strip().lower()
    return next((key for key, label in VERDICTS.items() if text in (label.zh, label.en.lower(), key)), None)


def _table(path: Path, name: str) -> list[list[str]]:
    """The rows of a workbook's first sheet, or of a CSV file (UTF-8, with or without BOM, or GB18030)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds for a damaged file
            raise ExportFileError(name, [f"不是可读的 .xlsx 文件：{exc}"], [f"is no readable .xlsx file: {exc}"]) from None
        return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.reader(io.StringIO(data.decode(encoding))))
        except UnicodeDecodeError:
            continue
    raise ExportFileError(name, ["既不是 UTF-8 也不是 GB18030 文本"], ["is neither UTF-8 nor GB18030 text"])


def read_corrections(path: str | os.PathLike, name: str | None = None) -> list[Correction]:
    """Read a review workbook (``export --format review``) or a CSV of its columns: the rows marked 错 or 缺.

    Parameters
    ----------
    path : path-like
        The .xlsx workbook, or a .csv file whose header row has the workbook's headers (Chinese or English).
    name : str, optional
        How the rows are named in evidence and messages (``review.xlsx:17``); by default the file's name.

    Returns
    -------
    list of Correction
        Rows marked 对 (right) or left blank are no corrections and are left out.

    Raises
    ------
    ExportFileError
        When the file cannot be read, has no verdict or fact code column, or a marked row cannot be
        understood (an unknown verdict, a changed fact code, a 缺 row naming nobody): one line per row.
    """
    path = Path(path)
    name = name or path.name
    if not path.is_file():
        raise ExportFileError(name, ["文件不存在"], ["no such file"])
    rows = _table(path, name)
    keys = _header_keys()
    header = [keys.get(str(h).strip()) for h in (rows[0] if rows else [])]
    if "verdict" not in header or "code" not in header:
        raise ExportFileError(name, ["第一行没有“判断”和“事实代码”两列：不是审核表"],
                              ["the first row has no verdict and no fact code column: not a review workbook"])
    out, zh, en = [], [], []
    for number, cells in enumerate(rows[1:], start=2):
        values = {k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(header) if k}
        if not values.get("verdict") or _verdict(values["verdict"]) == "right":
            continue
        problem = _row_problem(values)
        if problem:
            zh.append(f":{number}: {problem[0]}")
            en.append(f":{number}: {problem[1]}")
            continue
        out.append(_correction(name, number, values))
    if zh:
        raise ExportFileError(name, zh, en)
    return out


def _row_problem(values: dict[str, str]) -> tuple[str, str] | None:
    verdict = _verdict(values["verdict"])
    if verdict is None:
        return (f"判断“{values['verdict']}”不是 对、错、缺 之一", f"the verdict “{values['verdict']}” is none of 对, 错, 缺")
    if parse_code(values.get("code", "")) is None:
        return (f"事实代码“{values.get('code', '')}”看不懂（请勿修改这一列；增加事实时复制同一任务的一行）",
                f"the fact code “{values.get('code', '')}” cannot be read (leave that column as it is; to add a fact, "
                "copy a row of the same task)")
    if verdict == "missing" and not (values.get("correction") or values.get("name")):
        return ("判断为“缺”，但“更正”和“名称”都是空的：要增加的是谁？", "marked missing, but correction and name are both "
                "empty: who is to be added?")
    return None


def _correction(file: str, row: int, values: dict[str, str]) -> Correction:
    from .labels import FACT_KINDS as WORDS

    kind, anchor, name = parse_code(values["code"])
    verdict = _verdict(values["verdict"])
    if verdict == "missing":  # the reviewer may have changed the Fact column of the row copied
        fact = values.get("fact", "")
        kind = next((k for k, label in WORDS.items() if fact in (label.zh, label.en, k)), kind)
        name = values.get("correction") or values.get("name", "")
    return Correction(file=file, row=row, verdict=verdict, kind=kind, anchor=anchor, name=name,
                      correction=values.get("correction") or None, detail=values.get("detail") or None)


def apply_corrections(model: SubdistrictModel, corrections: Iterable[Correction]) -> SubdistrictModel:
    """Return the model with the corrections about its body applied (the model itself is not changed).

    Parameters
    ----------
    model : SubdistrictModel
        One body's resolved model (``graphmodel.resolve`` / ``graphmodel.merge`` output).
    corrections : iterable of Correction
        A reviewer's rows (:func:`read_corrections`); those about other bodies are left out.

    Returns
    -------
    SubdistrictModel
        Facts removed, replaced and added; each changed fact's evidence names its row (``corrected``), the
        model's ``corrected`` lists the rows applied, and each row whose fact the documents no longer hold
        is one ``correction-unmatched`` warning.

    Examples
    --------
    >>> from graphmodel.model import Task
    >>> ev = Evidence(file="a.txt", line=4)
    >>> m = SubdistrictModel(subdistrict="甲", file="a.txt", entities=[
    ...     Official(id="甲/Official/张三", name="张三", subdistrict="甲", evidence=ev, role=None, titles=[]),
    ...     Task(id="甲/Task/1", name="修路", subdistrict="甲", evidence=ev, number=1, text="修路。")],
    ...     relations=[Relation(source="甲/Official/张三", target="甲/Task/1", type="LEADS", evidence=ev)])
    >>> fix = Correction(file="r.xlsx", row=2, verdict="wrong", kind="lead", anchor="甲/Task/1", name="张三",
    ...                  correction="李四")
    >>> [(r.source, r.evidence.corrected) for r in apply_corrections(m, [fix]).relations]
    [('甲/Official/李四', 'r.xlsx:2')]
    >>> apply_corrections(apply_corrections(m, [fix]), [fix]).relations == apply_corrections(m, [fix]).relations
    True
    """
    mine = [c for c in corrections if c.anchor.startswith(model.subdistrict + "/") and c.where not in model.corrected]
    if not mine:
        return model
    state = _State(model)
    for c in mine:
        if state.apply(c):
            state.applied.append(c.where)
        else:
            state.warnings.append(Notice(kind="correction-unmatched", file=c.file, line=c.row, values={
                "subdistrict": model.subdistrict, "fact": c.kind, "name": c.name, "of": _anchor_name(model, c.anchor)}))
    return state.model()


def _anchor_name(model: SubdistrictModel, anchor: str) -> str:
    return next((e.name if e.label != Label.TASK else f"{e.number or ''} {e.name}".strip()
                 for e in model.entities if e.id == anchor), anchor.rsplit("/", 1)[-1])


class _State:
    """A model's entities and relations while corrections change them."""

    def __init__(self, model: SubdistrictModel):
        self.base = model
        self.sd = model.subdistrict
        self.entities = {e.id: e for e in model.entities}
        self.relations = {(r.source, r.target, r.type): r for r in model.relations}
        self.applied: list[str] = []
        self.warnings: list[Notice] = []
        self._orphans: set[str] = set()

    def model(self) -> SubdistrictModel:
        used = {end for key in self.relations for end in key[:2]}
        entities = [e for e in self.entities.values() if e.id in used or e.id not in self.orphans()]
        return self.base.model_copy(update={
            "entities": entities, "relations": list(self.relations.values()),
            "warnings": [*self.base.warnings, *self.warnings], "corrected": [*self.base.corrected, *self.applied]})

    def orphans(self) -> set[str]:
        """Officials and units a correction took the only fact of (they were misread: they go)."""
        return self._orphans

    def subject(self, label: str, name: str) -> str | None:
        """The id of the official or unit of this name (a unit also by an alias), None when there is none."""
        name = clean(name)
        for e in self.entities.values():
            if e.label == label and (e.name == name or name in getattr(e, "aliases", ())):
                return e.id
        return None

    def new_subject(self, label: str, name: str, evidence: Evidence) -> str:
        """The id of the official or unit of this name, made (with the correction's evidence) when there is none."""
        found = self.subject(label, name)
        if found:
            return found
        name = clean(name)
        if label == Label.OFFICIAL:
            entity = Official(id=node_id(self.sd, Label.OFFICIAL, name), name=name, subdistrict=self.sd,
                              evidence=evidence, role=None, titles=[])
        else:
            entity = Unit(id=node_id(self.sd, Label.UNIT, name), name=name, subdistrict=self.sd, evidence=evidence,
                          aliases=[], collective=is_collective(name))
        self.entities[entity.id] = entity
        return entity.id

    def fact(self, c: Correction) -> tuple[str, str, str] | None:
        """The key of the relation a row is about, when the model holds it."""
        kind = FACT_KINDS[c.kind]
        source = self.subject(kind.subject, c.name)
        key = (source, c.anchor, kind.rel)
        rel = self.relations.get(key) if source else None
        if rel is None or (c.kind == "role" and not rel.properties.get("role")):
            return None
        return key

    def apply(self, c: Correction) -> bool:
        """Apply one row; False when the fact it is about (or its anchor) is not in the model."""
        if c.anchor not in self.entities:
            return False
        if c.kind == "office-seat":
            return self._seat(c)
        return self._add(c) if c.verdict == "missing" else self._wrong(c)

    def _seat(self, c: Correction) -> bool:
        """Where the office sits (办公室设在 X): a property of the office, its evidence the office's."""
        office = self.entities[c.anchor]
        if getattr(office, "kind", None) != "office":
            return False
        if c.verdict == "wrong" and (office.seat or "") != clean(c.name):
            return False
        seat = c.correction if c.verdict == "wrong" else c.name
        if seat:
            unit = self.subject(Label.UNIT, seat)
            seat = self.entities[unit].name if unit else clean(seat)
        if c.verdict == "missing" and office.seat == seat:
            return True
        self.entities[c.anchor] = office.model_copy(update={
            "seat": seat or None, "evidence": office.evidence.model_copy(update={"corrected": c.where})})
        return True

    def _wrong(self, c: Correction) -> bool:
        key = self.fact(c)
        if key is None:
            return False
        old = self.relations.pop(key)
        kind = FACT_KINDS[c.kind]
        if c.kind == "role":
            self._set_role(key[0], c.correction)
            if c.correction:
                self.relations[key] = Relation(source=key[0], target=key[1], type=key[2], properties={
                    **old.properties, "role": c.correction}, evidence=old.evidence.model_copy(update={"corrected": c.where}))
            return True
        if key[2] == Rel.RESPONSIBLE_FOR:
            self._unaccount(key[1], key[0])
        if c.correction:
            evidence = old.evidence.model_copy(update={"corrected": c.where})
            source = self.new_subject(kind.subject, c.correction, evidence)
            self.relations[(source, key[1], key[2])] = Relation(source=source, target=key[1], type=key[2],
                                                                 properties=dict(old.properties), evidence=evidence)
            if key[2] == Rel.RESPONSIBLE_FOR:
                self._account(key[1], source, evidence)
        if not any(key[0] in k[:2] for k in self.relations):
            self._orphans = self.orphans() | {key[0]}
        return True

    def _add(self, c: Correction) -> bool:
        kind = FACT_KINDS[c.kind]
        anchor = self.entities[c.anchor]
        if anchor.label != kind.anchor:
            return False
        evidence = anchor.evidence.model_copy(update={"corrected": c.where, "also": ()})
        source = self.new_subject(kind.subject, c.name, evidence)
        key = (source, c.anchor, kind.rel.value)
        if key in self.relations:  # the documents (now) say it themselves
            return True
        props = {"role": c.detail or "成员"} if c.kind in ("role", "member-unit") else {}
        props |= {"position": c.detail} if c.kind == "office-head" and c.detail else {}
        self.relations[key] = Relation(source=source, target=c.anchor, type=key[2], properties=props, evidence=evidence)
        self._orphans = self.orphans() - {source}
        if c.kind == "role":
            self._set_role(source, props["role"])
        if key[2] == Rel.RESPONSIBLE_FOR:
            self._account(c.anchor, source, evidence)
        return True

    def _set_role(self, official: str, role: str | None) -> None:
        self.entities[official] = self.entities[official].model_copy(update={"role": role})

    def _unaccount(self, task: str, unit: str) -> None:
        """Remove the ACCOUNTABLE_FOR edges that ran through a unit no longer responsible for the task."""
        for key in [k for k, r in self.relations.items()
                    if k[1] == task and k[2] == Rel.ACCOUNTABLE_FOR and r.properties.get("via") == unit]:
            del self.relations[key]

    def _account(self, task: str, unit: str, evidence: Evidence) -> None:
        """The heads of a newly responsible unit answer for the task (the chiefs, else the deputies)."""
        heads = [(k[0], bool(r.properties.get("deputy"))) for k, r in self.relations.items()
                 if k[1] == unit and k[2] == Rel.HEADS]
        for official in [o for o, deputy in heads if not deputy] or [o for o, _ in heads]:
            self.relations.setdefault((official, task, Rel.ACCOUNTABLE_FOR.value), Relation(
                source=official, target=task, type=Rel.ACCOUNTABLE_FOR.value, properties={"via": unit},
                evidence=evidence))
