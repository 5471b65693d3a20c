"""Who does a task, said in words: an assignment clause (（牵头单位：A；责任单位：B、C）, （A主办，B协办）) read.

A labelled part says its role (牵头单位 / 主办单位 / 责任单位 → responsible, 配合单位 / 协办单位 / 协同单位 /
参与单位 → cooperating, 责任领导 / 分管领导 / 牵头领导 / 责任人 → the lead); an unlabelled one says it with a
verb (``A牵头``, ``A主办``, ``B、C配合``, ``A负责``). The unit-role contract: the lead unit (牵头单位, 主办, a unit
marked （牵头）, ``A和B分别牵头``, the first listed where the document says so) is responsible; the other units
of the task (责任单位 after a 牵头单位, 配合, 协同, 协办) cooperate; a 责任单位 list alone is responsible. Every
name keeps its offset in the item's text (so its line) and the document's own word for its role (``as_written``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.model import Mention
from graphmodel.names import is_collective, is_unit_like

from .cell_table import lead_mentions, unit_names

__all__ = ["Assignment", "split_assignment", "assignment_mentions", "first_listed_leads", "FIRST_LEADS",
           "top_level_pieces"]

# Labels of a lead unit: a 责任单位 beside one of them names the task's other units (they cooperate).
_LEAD_UNIT = ("牵头单位", "牵头部门", "牵头科室", "主办单位", "主责单位", "主责部门", "牵头责任单位")
_RESPONSIBLE = _LEAD_UNIT + ("责任单位", "责任部门", "责任科室", "责任主体", "承办单位", "实施单位", "主要责任单位")
_COOPERATING = ("配合单位", "配合部门", "配合科室", "协办单位", "协同单位", "参与单位", "协助单位", "协作单位",
                "其他责任单位", "责任配合单位", "主要协作单位", "主要配合单位", "协同责任单位", "配合责任单位")
_LEAD = ("责任领导", "分管领导", "牵头领导", "联系领导", "包保领导", "区领导", "市领导", "县领导", "镇领导",
         "牵头区领导", "牵头市领导", "牵头县领导", "分管区领导", "分管市领导", "分管县领导", "责任区领导", "责任人",
         "行政责任人", "牵头负责领导", "负责领导", "分管省领导", "牵头省领导")
# Labels over a whole assignment said in verbs (部门分工：省发展改革委牵头，各地、各部门配合).
_DIVISION = ("部门分工", "责任分工", "任务分工", "职责分工")
LABELS = sorted(_RESPONSIBLE + _COOPERATING + _LEAD + _DIVISION, key=len, reverse=True)
_LABEL = re.compile(rf"^({'|'.join(LABELS)})\s*[:：]\s*")
_ROLE_WORD = re.compile(r"牵头|负责|配合|协办|协同|参与|主办|承办|责任|分管")
# Brackets at the end of an item holding its assignment (one level of brackets inside: 各镇（街道）).
_TAIL = re.compile(r"[（(【\[]((?:[^（()）【】\[\]]|[（(][^（()）]*[)）])+)[)）】\]]\s*[。.；;]?\s*$")
# The same, cut off by the end of an excerpt: （区发改委主办，区教育局、城建集
_OPEN_TAIL = re.compile(r"[（(【\[]((?:[^（()）【】\[\]]|[（(][^（()）]*[)）])+)$")
# Labels that may open a line of their own or follow the item's last sentence. Not 主办单位 / 承办单位: a web
# page's footer says 主办单位：…人民政府办公室 after the last item (inside brackets they are read).
LINE_LABELS = [label for label in LABELS if label not in ("主办单位", "承办单位")]
LINE_LABEL = re.compile(rf"^({'|'.join(LINE_LABELS)})\s*[:：]\s*")
# A labelled assignment run into the item's last sentence: …办理时间。责任单位：区市场监管局
_INLINE = re.compile(rf"(?:^|(?<=[。；;！!？?\s]))((?:{'|'.join(LINE_LABELS)})\s*[:：].*)$")
_BRACKET_LABEL = re.compile(rf"【({'|'.join(LABELS)})】")
# The item's last sentence saying who does it: …压缩办理时间。由区市场监管局牵头，区税务局、区人社局配合。
_BY_TAIL = re.compile(r"(?:^|(?<=[。；;！!？?]))\s*由([^。；;！!？?由]{2,120}?(?:牵头负责|牵头|主办|负责|配合|协办|参与|协助))"
                      r"\s*[。.；;]?\s*$")
_VERB_RESPONSIBLE = re.compile(r"^(.+?)(牵头负责|牵头|主办|主责|按职责分工负责|按职责负责|分别负责|负责|落实)$")
_VERB_COOPERATING = re.compile(r"^(.+?)(配合|协办|协同|参与|协助|共同推进|共同负责)$")
# A clause cut off after its lead part: 区发改委主办，区教育局、城建集
_LEAD_THEN_REST = re.compile(r"^([^，,；;]+?)(牵头负责|牵头|主办|主责)[，,](.+)$")
_LEAD_VERBS = ("牵头负责", "牵头", "主办", "主责")
_MARK = re.compile(r"[（(]\s*牵头(?:单位)?\s*[)）]")
# Units that each lead, written in a list of the task's units: 区投资促进局和区口岸办分别牵头、区发改局
_EACH_LEADS = re.compile(r"(?:分别|共同)?牵头$")
# The parts of an assignment: split at ；, at a ， before a label or a 配合 part, and before a label run into the part
# before it (labelled lines joined: 责任单位：区建管委配合单位：区城管执法局).
_PARTS = re.compile(r"[；;]|[，,]?(?=(?:" + "|".join(LABELS) + r")\s*[:：])"
                    r"|[，,](?=[^，,；;]*(?:配合|协办|协同|参与|协助)[。.]?$)"
                    # （甲局、乙局牵头，丙局按职责分工负责）: the lead part ends at the 牵头 before the other units
                    r"|(?<=牵头)[，,](?=[^，,；;]*(?:按职责分工负责|按职责负责|分别负责|负责|落实)$)")
#: The document saying that the unit listed first leads: 排在第一位的为牵头单位, 列第一位者为牵头或汇总单位.
FIRST_LEADS = re.compile(r"(?:排名|排序|排|列|放|居)在?(?:第一|首|前)(?:位|个)?(?:的|者)?(?:单位|部门)?"
                         r"(?:为|是)(?:牵头|主要责任|主责)")
# The same rule written in brackets inside a list of units (…分局（列第一位者为牵头或汇总单位，下同）): no unit.
_RULE_IN_BRACKETS = re.compile(r"[（(][^（()）]*(?:排名|排序|排|列|放|居)在?(?:第一|首|前)[^（()）]*[)）]")
_OPENING = "（(【["
_CLOSING = "）)】]"


@dataclass
class Assignment:
    """Who does a task, as written: raw lead text and unit names, each with its offset in the item's text.

    ``words`` maps an offset to the document's own word for the role of the name read there (牵头单位, 主办, 配合 …).
    """

    leads: list[tuple[str, int]] = field(default_factory=list)  # (lead text, offset)
    responsible: list[tuple[str, int, bool]] = field(default_factory=list)  # (unit, offset, marked 牵头)
    cooperating: list[tuple[str, int]] = field(default_factory=list)
    words: dict[int, str] = field(default_factory=dict)
    first_leads: bool = False  # the clause itself states the first-listed rule (…（列第一位者为牵头单位，下同）)
    cut: str | None = None  # the clause was cut off by the end of the text: the fragment left out (or …)

    def __bool__(self) -> bool:
        return bool(self.leads or self.responsible or self.cooperating)


def first_listed_leads(text: str) -> bool:
    """Whether a text says that the unit listed first leads (排在第一位的为牵头单位).

    >>> first_listed_leads("责任单位：甲局、乙局（列第一位者为牵头或汇总单位，下同）"), first_listed_leads("列入计划")
    (True, False)
    """
    return bool(FIRST_LEADS.search(re.sub(r"\s+", "", text)))


def top_level_pieces(value: str, separators: str = "、，,") -> list[tuple[str, int]]:
    """The pieces of ``value`` between separators that stand outside brackets, each with its offset.

    >>> top_level_pieces("市科技局、各县(市、区)政府，市城投公司")
    [('市科技局', 0), ('各县(市、区)政府', 5), ('市城投公司', 15)]
    """
    out, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        depth += (ch in _OPENING) - (ch in _CLOSING)
        if ch in separators and depth <= 0:
            out.append((value[start:i], start))
            start = i + 1
    out.append((value[start:], start))
    return [(piece, at) for piece, at in out if piece]


def split_assignment(text: str, *, last: bool = False) -> tuple[str, Assignment]:
    """An item's text without its assignment, and the assignment (empty if it names none).

    ``last``: the item ends the text (an excerpt may cut it inside its brackets: （A主办，B、C协）).

    Examples
    --------
    >>> body, a = split_assignment("推行企业开办“一日办结”。（牵头单位：区市场监管局；配合单位：区税务局、区人社局；责任领导：王建国）")
    >>> body, [u for u, _, _ in a.responsible], [u for u, _ in a.cooperating], [t for t, _ in a.leads]
    ('推行企业开办“一日办结”。', ['区市场监管局'], ['区税务局', '区人社局'], ['王建国'])
    >>> body, a = split_assignment("推进“标准地”出让（区规划资源局牵头，区发改委、区经信委配合）。")
    >>> body, [u for u, _, _ in a.responsible], [u for u, _ in a.cooperating], sorted(set(a.words.values()))
    ('推进“标准地”出让。', ['区规划资源局'], ['区发改委', '区经信委'], ['牵头', '配合'])
    >>> split_assignment("开展“千企万户”走访服务（含个体工商户）。")[1].responsible
    []
    """
    original = text
    # 【牵头单位】区发改委【配合单位】区财政局: the same as 牵头单位：… (as long, so offsets hold)
    text = _BRACKET_LABEL.sub(lambda m: f"；{m.group(1)}：", text)
    rule = bool(_RULE_IN_BRACKETS.search(text))
    text = _RULE_IN_BRACKETS.sub(lambda m: " " * len(m.group()), text)  # the rule is no unit (offsets hold)
    # an excerpt cut inside an item's brackets: （牵头单位：A；责任单位：B is the bracket's, not B's label alone
    for pattern in (_TAIL, _OPEN_TAIL if last else None, _INLINE, _BY_TAIL):
        m = pattern.search(text) if pattern else None
        if not m or not _ROLE_WORD.search(m.group(1)) and not _all_units(m.group(1)):
            continue
        assignment = _parse(m.group(1), m.start(1), cut=pattern is _OPEN_TAIL)
        if pattern is _BY_TAIL and not all(is_unit_like(n) or is_collective(n) for n in _names(assignment)):
            continue  # 由街道统一负责, 由群众自己负责: a sentence, no assignment
        if not assignment and last and pattern is _INLINE and len(_cut_value(m.group(1))) <= 1:
            # 责任单位：区 at the end of an excerpt: the name was cut off, the label is no part of the task's text
            return text[: m.start()].rstrip(" ；;") or original, Assignment(first_leads=rule, cut=m.group(1).strip())
        if assignment and last and pattern is _INLINE and not text[m.end():].strip() \
                and not re.search(r"[。.；;、，,）)]\s*$", text) and not all(map(_whole_unit, _names(assignment)[-1:])):
            _drop_cut_name(assignment)  # 责任单位：县财 where the excerpt ends: a name cut short is no unit
        if assignment:
            assignment.first_leads = rule
            if pattern is _TAIL:
                end = re.sub(r"^[^。.；;]*", "", text[m.end(1) + 1:])
            else:
                end = text[m.end():]
            return (text[: m.start()].rstrip(" ；;") + end.strip()).strip() or original, assignment
    return original, Assignment(first_leads=rule)


def _names(a: Assignment) -> list[str]:
    """Every unit an assignment names."""
    return [n for n, _at, _m in a.responsible] + [n for n, _at in a.cooperating]


def _cut_value(clause: str) -> str:
    """What the last label of a clause names (``""`` when it names nothing)."""
    labelled = list(re.finditer(rf"(?:{'|'.join(LINE_LABELS)})\s*[:：]", clause))
    return clause[labelled[-1].end():].strip(" ，,。；;") if labelled else clause


def _all_units(clause: str) -> bool:
    names = unit_names(clause)
    return bool(names) and all(is_unit_like(n) or n.startswith("各") for n in names)


def _parse(clause: str, at: int, cut: bool = False) -> Assignment:
    """The parts of an assignment clause (``；``-separated, or ``，`` before a label or a 配合 part).

    ``cut``: the clause was cut off by the end of the text; a last name that is no unit's is left out.
    """
    out = Assignment()
    pos = 0
    for part in _split_parts(clause):
        offset = at + clause.find(part, pos)
        pos = max(pos, clause.find(part, pos) + len(part))
        stripped = part.strip(" ，,。")
        offset += part.find(stripped) if stripped else 0
        if cut and not _LABEL.match(stripped) and (m := _LEAD_THEN_REST.match(stripped)):
            # （区发改委主办，区教育局、城建集: the units after the lead part are the task's other units
            _add_responsible(out, m.group(1), offset, m.group(2))
            _add_cooperating(out, m.group(3), offset + m.start(3), None)
        else:
            _read_part(out, stripped, offset)
    if cut:
        _drop_cut_name(out)
    return out


def _split_parts(clause: str) -> list[str]:
    """The parts of an assignment clause (:data:`_PARTS`), a label split inside itself joined again: the split
    before a label also falls inside a longer one (分管 | 区领导：…), which is one label (分管区领导：…)."""
    parts: list[str] = []
    for part in _PARTS.split(clause):
        if parts and parts[-1]:
            longer, shorter = _LABEL.match(parts[-1] + part), _LABEL.match(part)
            if longer and shorter and len(longer.group(1)) > max(len(shorter.group(1)), len(parts[-1])):
                parts[-1] += part
                continue
        parts.append(part)
    return parts


def _read_part(out: Assignment, part: str, offset: int) -> None:
    """Add what one part of an assignment says to ``out``."""
    if not part:
        return
    m = _LABEL.match(part)
    if m:
        label, value, at = m.group(1), part[m.end():], offset + m.end()
        if label in _DIVISION:
            _read_part(out, value, at)
        elif label in _LEAD:
            out.leads.append((value.split("。")[0], at))  # 牵头负责领导：姚志。牵头责任: the sentence ends the name
            out.words[at] = label
        elif label in _COOPERATING:
            _add_cooperating(out, value, at, label)
        else:
            _add_responsible(out, value, at, label)
    elif m := _VERB_COOPERATING.match(part):
        _add_cooperating(out, m.group(1), offset, m.group(2))
    elif m := _VERB_RESPONSIBLE.match(part):
        _add_responsible(out, m.group(1), offset, m.group(2))
    elif _all_units(part):
        _add_responsible(out, part, offset, None)


def _add_cooperating(out: Assignment, value: str, offset: int, word: str | None) -> None:
    for name, at in _located(value, offset):
        out.cooperating.append((name, at))
        if word:
            out.words[at] = word


def _add_responsible(out: Assignment, value: str, offset: int, word: str | None) -> None:
    for name, at, marked, own in _marked(value, offset):
        out.responsible.append((name, at, marked))
        if own or word:
            out.words[at] = own or word


def _whole_unit(name: str) -> bool:
    return is_unit_like(name) or is_collective(name)


def _drop_cut_name(out: Assignment) -> None:
    """Leave out the last name of a clause cut off by the end of the text when it is no unit's (城建集).

    ``out.cut`` keeps it, and is set for every clause cut off (so the reader can warn).
    """
    out.cut = "…"
    last = max([(at, "r") for _, at, _ in out.responsible] + [(at, "c") for _, at in out.cooperating], default=None)
    if last is None:
        return
    at, kind = last
    name = next(n for n, a in out.cooperating if a == at) if kind == "c" else next(
        n for n, a, _ in out.responsible if a == at)
    if not is_unit_like(name):
        out.cut = name
        out.cooperating = [(n, a) for n, a in out.cooperating if a != at]
        out.responsible = [u for u in out.responsible if u[1] != at]


# What follows a unit's name in an assignment and is no part of it: 区发改委等, 各镇（街道）按职责分工负责.
_UNIT_TAIL = re.compile(r"(?:按职责分工负责|按职责负责|分别负责|负责|配合|参与|协助|等单位|等部门|等)$")


def _located(value: str, offset: int) -> list[tuple[str, int]]:
    """The units of ``value``, each with the offset where its name starts (the part's where it is not found whole);
    a single character is no unit's name (区, 市: the rest of the name cut off by the end of an excerpt)."""
    out, pos = [], 0
    for name in (_UNIT_TAIL.sub("", n) for n in unit_names(value)):
        if len(name) < 2:
            continue
        at = value.find(name, pos)
        out.append((name, offset + (at if at >= 0 else pos)))
        pos = at + len(name) if at >= 0 else pos
    return out


def _marked(value: str, offset: int) -> list[tuple[str, int, bool, str | None]]:
    """Units of a responsible part, each with whether it is marked to lead and the word that marks it.

    区财政局（牵头）、区发改委 marks the first; 甲局和乙局分别牵头、丙局 marks both 甲局 and 乙局. A ``、`` inside
    brackets (各县（市、区）政府) parts no units.
    """
    out = []
    for piece, pos in top_level_pieces(value):
        core = piece.strip()
        if _MARK.search(core):
            out += [(n, at, True, "牵头") for n, at in _located(_MARK.sub("", piece), offset + pos)]
        elif (m := _EACH_LEADS.search(core)) and m.start() > 0:
            heads = _joined_units(core[: m.start()])
            at = offset + pos + piece.find(core)
            for head in heads:
                out.append((head, at, True, m.group()))
                at += len(head) + 1
            if not heads:
                out += [(n, at, False, None) for n, at in _located(piece, offset + pos)]
        else:
            out += [(n, at, False, None) for n, at in _located(piece, offset + pos)]
    return out


def _joined_units(text: str) -> list[str]:
    """The units of ``甲局和乙局`` (joined by 和, 与, 及), cut only where every part is a unit: a 和 inside a name
    (市自然资源和规划局和市财政局) stays; [] when the text is no unit.

    >>> _joined_units("市自然资源和规划局和市财政局"), _joined_units("区住房和城乡建设局"), _joined_units("做好")
    (['市自然资源和规划局', '市财政局'], ['区住房和城乡建设局'], [])
    """
    best: list[str] = [text] if is_unit_like(text) else []
    for m in re.finditer(r"[和与及]", text):
        head, rest = text[: m.start()], _joined_units(text[m.end():])
        if len(head) >= 2 and is_unit_like(head) and rest and len(rest) + 1 > len(best):
            best = [head, *rest]
    return best


def assignment_mentions(a: Assignment, line_at, officials: set[str] = frozenset(),
                        first_leads: bool = False) -> dict[str, tuple[Mention, ...]]:
    """``leads``, ``responsible`` and ``cooperating`` Mentions of an assignment; ``line_at(offset)`` gives a line.

    The unit-role contract: units marked to lead (（牵头）, 分别牵头) are responsible and the task's other units
    cooperate; else units named by a lead word (牵头单位, 主办, 牵头) are, and the units of a 责任单位 beside them
    cooperate; else, where the document says the first listed leads, the first is; else all responsible units are.
    """
    responsible = [(n, at) for n, at, _ in a.responsible]
    cooperating = list(a.cooperating)
    marked = [(n, at) for n, at, m in a.responsible if m]
    worded = [(n, at) for n, at in responsible if a.words.get(at) in _LEAD_UNIT + _LEAD_VERBS]
    if marked:  # 区财政局（牵头）、区发改委: the marked unit leads, the others cooperate
        cooperating = [(n, at) for n, at, m in a.responsible if not m] + cooperating
        responsible = marked
    elif worded and len(worded) < len(responsible):  # 牵头单位：A / 责任单位：B、C
        cooperating = [u for u in responsible if u not in worded] + cooperating
        responsible = worded
    elif first_leads and len(responsible) > 1:
        responsible, cooperating = responsible[:1], responsible[1:] + cooperating
    leads = [m.model_copy(update={"line": line_at(at), "as_written": a.words.get(at)})
             for text, at in a.leads for m in lead_mentions(text, officials)]
    units = lambda pairs: tuple(Mention(name=n, line=line_at(at), as_written=a.words.get(at))  # noqa: E731
                                for n, at in pairs)
    return {"leads": tuple(leads), "responsible": units(responsible), "cooperating": units(cooperating)}
