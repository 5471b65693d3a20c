"""调整 notices applied: a notice that changes some members of a 领导小组 changes the group it names."""

from __future__ import annotations

from .model import Entity, Notice, SubdistrictModel

__all__ = ["is_adjustment", "apply_adjustment", "HEAD_ROLES"]

#: The roles one of which every whole list of a group names (a list without one is a change to a list).
HEAD_ROLES = frozenset({"组长", "第一组长", "总指挥", "指挥长", "召集人", "主任"})


def is_adjustment(model: SubdistrictModel) -> bool:
    """Whether a document is a notice that changes some members of a group rather than listing it whole.

    It is one when it names the group and takes a member out by name (``…同志不再担任领导小组组长``, read
    as a ``member-removed`` notice), or when its title says 调整 and it names members but no head of the
    group (组长, 总指挥 …): a notice that adds two 成员 is no group of its own.

    Examples
    --------
    >>> from graphmodel.model import Evidence, Official, Plan
    >>> ev = Evidence(file="b.txt", line=5)
    >>> plan = Plan(id="甲/Plan/2", name="调整", title="关于调整甲镇领导小组成员的通知", group="甲镇领导小组",
    ...             subdistrict="甲", evidence=ev)
    >>> added = Official(id="甲/Official/李四", name="李四", subdistrict="甲", role="成员", titles=[], evidence=ev)
    >>> is_adjustment(SubdistrictModel(subdistrict="甲", file="b.txt", layout="leading-group-notice",
    ...                                entities=[plan, added], relations=[]))
    True
    """
    if model.layout != "leading-group-notice" or not _group_of(model):
        return False
    if any(getattr(w, "kind", None) == "member-removed" for w in model.warnings):
        return True
    roles = {getattr(e, "role", None) for e in model.of_label("Official")}
    return "调整" in model.of_label("Plan")[0].title and bool(roles - {None}) and not roles & HEAD_ROLES


def _group_of(model: SubdistrictModel) -> str | None:
    plans = model.of_label("Plan")
    return plans[0].group if plans else None


def apply_adjustment(base: SubdistrictModel, change: SubdistrictModel) -> tuple[SubdistrictModel, Notice]:
    """The group of ``base`` as ``change`` (a later 调整 notice of it) leaves it, and a notice saying what changed.

    A member the notice takes out (``member-removed``) leaves the group: the official keeps what else the
    documents say of them (a task they lead) and is dropped when nothing is left; a member the notice names
    with a role joins or takes that role, the notice's line first in the evidence; the notice's other facts
    are merged as documents are (:func:`graphmodel.merge.combine`).

    Parameters
    ----------
    base : SubdistrictModel
        The group as it stood (its latest whole list, with the changes already applied).
    change : SubdistrictModel
        The notice that changes it.

    Returns
    -------
    (SubdistrictModel, Notice)
        The changed model, and an ``adjustment-applied`` notice naming who joined, left and changed role.

    Examples
    --------
    >>> from graphmodel.model import Evidence, Official, Relation
    >>> def person(file, name, role):
    ...     return Official(id=f"甲/Official/{name}", name=name, subdistrict="甲", role=role, titles=[],
    ...                     evidence=Evidence(file=file, line=3))
    >>> base = SubdistrictModel(subdistrict="甲", file="a.txt", layout="leading-group-notice",
    ...                         entities=[person("a.txt", "张三", "组长"), person("a.txt", "李四", "副组长")],
    ...                         relations=[])
    >>> change = SubdistrictModel(subdistrict="甲", file="b.txt", layout="leading-group-notice",
    ...                           entities=[person("b.txt", "李四", "组长")], relations=[],
    ...                           warnings=[Notice(kind="member-removed", file="b.txt", line=6,
    ...                                            values={"name": "张三", "role": "组长"})])
    >>> model, note = apply_adjustment(base, change)
    >>> [(o.name, o.role, o.evidence.file) for o in model.of_label("Official")]
    [('李四', '组长', 'b.txt')]
    >>> note.values["left"], note.values["changed"], note.values["joined"]
    (['张三'], ['李四'], None)
    """
    from .merge import _join_evidence, combine

    removed = {w.values["name"] for w in change.warnings if getattr(w, "kind", None) == "member-removed"}
    given = {o.name: o for o in change.of_label("Official") if getattr(o, "role", None)}
    members = {o.name: o for o in base.of_label("Official") if getattr(o, "role", None)}
    left = [name for name in members if name in removed]
    changed = [name for name, o in members.items() if name in given and name not in removed
               and given[name].role != o.role]
    joined = [name for name in given if name not in members]
    touched = {members[name].id for name in left + changed}
    entities: list[Entity] = []
    for e in base.entities:
        if e.id in touched and e.name in given:
            e = e.model_copy(update={"role": given[e.name].role,
                                     "evidence": _join_evidence(given[e.name].evidence, e.evidence)})
        elif e.id in touched:
            e = e.model_copy(update={"role": None})
        entities.append(e)
    plans = {e.id for e in base.entities if e.label == "Plan"}
    relations = [r for r in base.relations if not (r.type == "MEMBER_OF" and r.source in touched and r.target in plans)]
    gone = {members[name].id for name in left if members[name].name not in given}
    relations = [r for r in relations if not (r.source in gone and r.type in ("HEADS", "MEMBER_OF"))]
    still = {r.source for r in relations} | {r.target for r in relations}
    entities = [e for e in entities if e.id not in gone or e.id in still]
    model = combine([base.model_copy(update={"entities": entities, "relations": relations}), change])
    kind = "adjustment-applied" if joined or left or changed else "adjustment-no-change"
    note = Notice(kind=kind, file=change.file, values={
        "group": _group_of(change), "base": base.file, "joined": joined or None, "left": left or None,
        "changed": changed or None})
    return model, note
