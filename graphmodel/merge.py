"""Several documents about one body → one model: the same plan twice is read once, complementary documents merge.

A body (街道, 镇, 区 …) may be described by several documents: a notice setting up its 领导小组 and,
later, a task-division table; or the same plan twice (another encoding, another format). Nothing is
merged silently:

- documents whose facts are the same (whatever their format, encoding or line numbers) are read once,
  with a warning naming both files;
- documents of different layouts (a notice and a task table) are merged into one model: officials and
  units are matched by name within the body, and a fact read from several documents keeps the first
  evidence with the others in ``Evidence.also``; a task numbered alike in two documents but worded
  differently stays two tasks;
- documents of one layout with different titles (a district's 营商环境 责任分解表 and its 城市更新 责任分解表)
  are different documents and merged like documents of different layouts;
- documents of one layout about one matter (the same title but for its years, or the same leading group) with
  different dates are versions: the latest is the current model, with a warning naming the versions
  (:func:`current_versions`); ``as_of`` reads them as they stood on a date;
- two different documents of one matter that cannot be ordered (the same date, or no date) are an error naming
  both files, unless ``merge=True`` asks for them to be merged.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable

from .adjust import apply_adjustment, is_adjustment
from .errors import PlanConflictError
from .model import Entity, Evidence, Notice, Relation, SubdistrictModel

__all__ = ["fingerprint", "merge_models", "current_versions", "combine", "document_date", "group_by_matter"]

# Entity fields that may differ between documents about one thing, merged rather than compared.
_MERGED_FIELDS = {"evidence", "aliases", "titles", "role", "attachments", "issuers"}


def fingerprint(model: SubdistrictModel) -> str:
    """The model's facts without their evidence: equal for the same plan read from any format or encoding.

    Where a fact was read is left out: evidence, the lines of listed attachments and of an office's heads, and whether a cell's value
    was inherited from a merged cell above it (a table drawn with merged cells and the same table as text
    say the same thing). Spaces in texts are left out too: a PDF does not draw the space where a cell's
    text wraps (``泊位 21个`` wrapped after ``泊位`` reads back as ``泊位21个``), and text extracted from a
    PDF has spaces the document never had (``2023年 9月``).

    Examples
    --------
    >>> from graphmodel.model import Official
    >>> def m(file, line):
    ...     o = Official(id="甲/Official/张三", name="张三", subdistrict="甲", role="组长", titles=[],
    ...                  evidence=Evidence(file=file, line=line))
    ...     return SubdistrictModel(subdistrict="甲", file=file, entities=[o], relations=[])
    >>> fingerprint(m("a.txt", 3)) == fingerprint(m("a.pdf", 9))
    True
    """
    entities = sorted(json.dumps(_unspaced(_without_lines(e.model_dump(mode="json", exclude={"evidence"}))),
                                 ensure_ascii=False, sort_keys=True) for e in model.entities)
    relations = sorted(json.dumps(_unspaced([r.source, r.target, r.type,
                                             {k: v for k, v in r.properties.items() if k not in _PROVENANCE}]),
                                  ensure_ascii=False, sort_keys=True, default=str) for r in model.relations)
    return json.dumps([_unspaced(model.subdistrict), entities, relations], ensure_ascii=False)


def _unspaced(value):
    """``value`` with the whitespace taken out of every string in it."""
    if isinstance(value, str):
        return "".join(value.split())
    if isinstance(value, dict):
        return {_unspaced(k): _unspaced(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_unspaced(v) for v in value]
    return value


# Relation properties that say how a fact was read, not what it is.
_PROVENANCE = {"inherited"}


def _without_lines(data: dict) -> dict:
    for key in ("attachments", "holders"):  # a plan's listed attachments, an office's heads: each with its line
        if key in data:
            data[key] = [{k: v for k, v in a.items() if k != "line"} for a in data[key]]
    return data


def merge_models(models: Iterable[SubdistrictModel], *, merge: bool = False,
                 as_of: str | None = None) -> list[SubdistrictModel]:
    """Group models by body and read each body once.

    Parameters
    ----------
    models : iterable of SubdistrictModel
        Resolved documents, in file order.
    merge : bool
        Merge different documents of the same layout and matter about one body (versions, or two documents
        that cannot be told apart by date) instead of keeping the latest version or refusing them.
    as_of : str, optional
        An ISO date (``2024-06-30``, or a year): read the documents as they stood then: a document dated
        later is left out, and of several versions the latest up to that date is the current one.

    Returns
    -------
    list of SubdistrictModel
        One model per body, in the order each body first appears; its ``warnings`` say which duplicates were
        read once, which documents were merged and which versions were set aside for the current one.

    Raises
    ------
    PlanError
        Two different documents of the same layout and matter about one body that are no versions of each
        other: of one date, or without a date (unless ``merge``).

    Examples
    --------
    >>> from graphmodel.model import Official, Plan
    >>> def m(file, role, date=None):
    ...     o = Official(id="甲/Official/张三", name="张三", subdistrict="甲", role=role, titles=[],
    ...                  evidence=Evidence(file=file, line=2))
    ...     p = Plan(id="甲/Plan/方案", name="方案", title="甲2024年方案", subdistrict="甲", date=date,
    ...              evidence=Evidence(file=file, line=1))
    ...     return SubdistrictModel(subdistrict="甲", file=file, entities=[p, o], relations=[])
    >>> out = merge_models([m("a.txt", "组长"), m("a-gbk.txt", "组长")])
    >>> len(out), [(w.kind, w.file, w.values) for w in out[0].warnings]
    (1, [('same-document', 'a-gbk.txt', {'other': 'a.txt'})])
    >>> merge_models([m("a.txt", "组长"), m("b.txt", "副组长")])
    Traceback (most recent call last):
    ...
    graphmodel.errors.PlanConflictError: b.txt: 与 a.txt 都是 甲 的同一类文件（action-plan），内容却不同，又分不出先后（日期相同或没有日期）；请只给出其中一份
    >>> [out] = merge_models([m("2025.txt", "副组长", "2025-03-01"), m("2024.txt", "组长", "2024-03-01")])
    >>> out.file, out.warnings[0].values["current"]
    ('2025.txt', '2025.txt')
    >>> merge_models([m("2025.txt", "副组长", "2025-03-01"), m("2024.txt", "组长", "2024-03-01")],
    ...              as_of="2024-12-31")[0].file
    '2024.txt'
    """
    groups: dict[str, list[SubdistrictModel]] = defaultdict(list)
    for model in models:
        groups[model.subdistrict].append(model)
    out: list[SubdistrictModel] = []
    for group in groups.values():
        warnings: list[Notice] = []
        kept: list[tuple[SubdistrictModel, str]] = []
        for model in group:
            print_ = fingerprint(model) if len(group) > 1 else ""  # one document: nothing to compare
            same = next((k for k, p in kept if p == print_), None)
            if same is not None:
                warnings.append(Notice(kind="same-document", file=model.file, values={"other": same.file}))
                continue
            kept.append((model, print_))
        documents = [k for k, _ in kept if as_of is None or not _later(document_date(k), as_of)]
        if not documents:
            continue
        if not merge:
            documents, notes = current_versions(documents)
            warnings += notes
        if len(documents) > 1:
            warnings.append(Notice(kind="documents-merged", values={"subdistrict": group[0].subdistrict,
                                                                     "files": [k.file for k in documents]}))
        model = combine(documents) if len(documents) > 1 else documents[0]
        out.append(model.model_copy(update={"warnings": model.warnings + warnings}) if warnings else model)
    return out


def current_versions(documents: list[SubdistrictModel]) -> tuple[list[SubdistrictModel], list[Notice]]:
    """The documents about one body with each matter's current state only, and a notice per set of versions.

    Documents of one layout are about one matter when their titles are the same but for the years in them
    (苇塘区2024年…责任分解表, 苇塘区2025年…责任分解表), or when they name the same leading group (a notice
    that sets a group up and a later one that lists it anew). Such documents are versions ordered by their
    date (成文日期, else 印发日期, else the year of the 文号); the latest is current. A notice that changes
    only some members (:func:`graphmodel.adjust.is_adjustment`) is no whole version: it is applied to the
    latest whole list of its group before it (:func:`graphmodel.adjust.apply_adjustment`), in date order;
    one dated before that list is superseded by it; one whose group has no list among the documents is read
    as it stands, with a warning.

    Raises
    ------
    PlanConflictError
        Two documents of one matter that cannot be ordered: the same date, or a document without one.
    """
    matters = group_by_matter(documents)
    current: list[tuple[int, SubdistrictModel]] = []
    notes: list[Notice] = []
    for versions in matters:
        whole = [v for v in versions if not is_adjustment(v)]
        changes = [v for v in versions if is_adjustment(v)]
        if not whole:  # adjustments of a group the documents do not list
            notes += [Notice(kind="adjustment-without-group", file=v.file, values={"group": _group(v)})
                      for v in changes]
            current += [(documents.index(v), v) for v in changes]
            continue
        latest = _latest(whole) if len(whole) > 1 else whole[0]
        if len(whole) > 1:
            ordered = sorted(whole, key=document_date)
            notes.append(Notice(kind="versions", values={
                "subdistrict": latest.subdistrict, "files": [v.file for v in ordered],
                "dates": [document_date(v) for v in ordered], "current": latest.file}))
        model = latest
        for change in sorted(changes, key=lambda v: document_date(v) or "9999"):
            if document_date(change) and document_date(latest) and not _later(document_date(change), document_date(latest)):
                notes.append(Notice(kind="adjustment-superseded", file=change.file, values={"current": latest.file}))
                continue
            model, note = apply_adjustment(model, change)
            notes.append(note)
        current.append((documents.index(latest), model))
    return [m for _, m in sorted(current, key=lambda im: im[0])], notes


def group_by_matter(documents: list) -> list[list]:
    """The documents grouped by matter (one group, or title, about one body), each group in the documents' order.

    A document joins the first group holding a document of its matter; the documents may be models or anything
    :func:`_same_matter` reads (``of_label``, ``layout``, ``subdistrict``).
    """
    matters: list[list] = []
    for doc in documents:
        home = next((m for m in matters if any(_same_matter(doc, other) for other in m)), None)
        if home is None:
            matters.append([doc])
        else:
            home.append(doc)
    return matters


def _same_matter(a: SubdistrictModel, b: SubdistrictModel) -> bool:
    if a.layout != b.layout:
        return False
    ga, gb = _group(a), _group(b)
    if is_adjustment(a) or is_adjustment(b):
        return ga is not None and ga == gb
    return _matter(a) == _matter(b) or (ga is not None and ga == gb)


def _latest(versions: list[SubdistrictModel]) -> SubdistrictModel:
    """The latest of several versions; an error naming two that cannot be ordered."""
    ordered = sorted(versions, key=lambda v: document_date(v) or "")
    for a, b in zip(ordered, ordered[1:]):
        wa, wb = document_date(a), document_date(b)
        if not wa or not wb or wa == wb or wb.startswith(wa):
            first, second = (a, b) if versions.index(a) < versions.index(b) else (b, a)
            raise PlanConflictError(
                second.file,
                f"与 {first.file} 都是 {second.subdistrict} 的同一类文件（{second.layout}），内容却不同，"
                f"又分不出先后（日期相同或没有日期）；请只给出其中一份",
                en=f"{first.file} is a different document of the same layout ({second.layout}) about "
                   f"{second.subdistrict}, and the two cannot be ordered (the same date, or none); give only one of them",
            )
    return ordered[-1]


_YEARS = re.compile(r"[（(]?(?:19|20)\d\d(?:年度|年)?(?:\s*[-—–~至]\s*(?:19|20)\d\d(?:年度|年)?)?[）)]?")
_NUMBER_YEAR = re.compile(r"[〔［\[（(]((?:19|20)\d\d)[〕］\]）)]")


def document_date(model: SubdistrictModel) -> str | None:
    """The date versions are ordered by (ISO): the 成文日期, else the 印发日期, else the year of the 文号; None without one.

    Examples
    --------
    >>> from graphmodel.model import Evidence, Plan
    >>> plan = Plan(id="甲/Plan/甲府〔2024〕3号", name="通知", title="通知", number="甲府〔2024〕3号", subdistrict="甲",
    ...             evidence=Evidence(file="a.txt", line=1))
    >>> document_date(SubdistrictModel(subdistrict="甲", file="a.txt", entities=[plan], relations=[]))
    '2024'
    """
    plans = model.of_label("Plan")
    if not plans:
        return None
    plan = plans[0]
    if plan.date or plan.printed:
        return plan.date or plan.printed
    found = _NUMBER_YEAR.search(plan.number or "")
    return found.group(1) if found else None


def _later(when: str | None, as_of: str) -> bool:
    """Whether a document of this date came after ``as_of`` (one without a date never does)."""
    return bool(when) and when[: len(as_of)] > as_of[: len(when)]


def _matter(model: SubdistrictModel) -> str | None:
    """The document's title without spaces and without the years in it; None without a title."""
    title = _title(model)
    return _YEARS.sub("", title) if title is not None else None


def _group(model: SubdistrictModel) -> str | None:
    plans = model.of_label("Plan")
    return "".join(plans[0].group.split()) if plans and plans[0].group else None


def _title(model: SubdistrictModel) -> str | None:
    """The document's title (its Plan's), spaces left out; None if it has none."""
    plans = model.of_label("Plan")
    return "".join(plans[0].title.split()) if plans else None


def combine(models: list[SubdistrictModel]) -> SubdistrictModel:
    """Merge documents about one body into one model (see the module's docstring for the rules).

    Examples
    --------
    >>> from graphmodel.model import Official, Task
    >>> zs = lambda f, role, titles: Official(id="甲/Official/张三", name="张三", subdistrict="甲", role=role,
    ...                                      titles=titles, evidence=Evidence(file=f, line=3))
    >>> t = lambda f, text: Task(id="甲/Task/1", name=text, subdistrict="甲", number=1, text=text,
    ...                          evidence=Evidence(file=f, line=8))
    >>> a = SubdistrictModel(subdistrict="甲", file="notice.txt", layout="leading-group-notice",
    ...                      entities=[zs("notice.txt", "组长", ["镇长"]), t("notice.txt", "修路")], relations=[])
    >>> b = SubdistrictModel(subdistrict="甲", file="table.txt", layout="task-division",
    ...                      entities=[zs("table.txt", None, ["镇党委书记"]), t("table.txt", "种树")], relations=[
    ...                          Relation(source="甲/Official/张三", target="甲/Task/1", type="LEADS",
    ...                                   evidence=Evidence(file="table.txt", line=8))])
    >>> m = combine([a, b])
    >>> o = m.entities[0]
    >>> o.role, o.titles, o.evidence.model_dump()
    ('组长', ['镇长', '镇党委书记'], {'file': 'notice.txt', 'line': 3, 'also': ({'file': 'table.txt', 'line': 3},)})
    >>> [(e.id, e.text) for e in m.entities[1:]], m.relations[0].target
    ([('甲/Task/1', '修路'), ('甲/Task/1@2', '种树')], '甲/Task/1@2')
    >>> m.files
    ['notice.txt', 'table.txt']
    """
    entities: dict[str, Entity] = {}
    relations: dict[tuple[str, str, str], Relation] = {}
    warnings: list[Notice | str] = []
    files: list[str] = []
    for n, model in enumerate(models, start=1):
        files += [f for f in (model.files or [model.file]) if f not in files]
        warnings += model.warnings
        renamed: dict[str, str] = {}
        for entity in model.entities:
            old = entities.get(entity.id)
            if old is None:
                entities[entity.id] = entity
            elif _core(old) == _core(entity):
                entities[entity.id] = _merge_entity(old, entity)
            else:  # the same number (or key) for a different thing: kept apart
                new_id = f"{entity.id}@{n}"
                renamed[entity.id] = new_id
                entities[new_id] = entity.model_copy(update={"id": new_id})
        for rel in model.relations:
            rel = rel.model_copy(update={"source": renamed.get(rel.source, rel.source),
                                         "target": renamed.get(rel.target, rel.target)})
            key = (rel.source, rel.target, rel.type)
            old = relations.get(key)
            relations[key] = rel if old is None else old.model_copy(
                update={"evidence": _join_evidence(old.evidence, rel.evidence)})
    first = models[0]
    return SubdistrictModel(subdistrict=first.subdistrict, file=first.file, layout=first.layout, files=files,
                            entities=list(entities.values()), relations=list(relations.values()), warnings=warnings)


def _core(entity: Entity) -> dict:
    return entity.model_dump(mode="json", exclude=_MERGED_FIELDS)


def _join_evidence(first: Evidence, other: Evidence) -> Evidence:
    seen = {first.model_copy(update={"also": ()})} | set(first.also)
    extra = tuple(e for e in (other.model_copy(update={"also": ()}), *other.also) if e not in seen)
    return first.model_copy(update={"also": first.also + extra}) if extra else first


def _merge_entity(old: Entity, new: Entity) -> Entity:
    update: dict = {"evidence": _join_evidence(old.evidence, new.evidence)}
    for name in ("aliases", "titles", "issuers"):
        if hasattr(old, name):
            update[name] = list(dict.fromkeys([*getattr(old, name), *getattr(new, name)]))
    if getattr(old, "role", "") is None and getattr(new, "role", None) is not None:
        update["role"] = new.role
    if hasattr(old, "attachments"):
        update["attachments"] = old.attachments + [a for a in new.attachments if a not in old.attachments]
    return old.model_copy(update=update)
