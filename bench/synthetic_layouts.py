"""Synthetic documents of the other layouts, with their truth: notices that set up a 领导小组 (关于成立…领导小组的通知).

Each notice is deterministic from its seed and is written in the genre: a masthead (sometimes), the 文号, the title
(sometimes wrapped, sometimes with the issuing office before 关于), the addressees and a sentence, then the member
list — 组长, 常务副组长, 副组长, 成员 in one of several orders, each label inline or on its own line, titles in
full-width or ASCII brackets, after the name (padded with spaces, NBSP or ideographic spaces) or before it, members
given as units (区发改委主要负责人) or collectives (各镇分管领导) — the 领导小组办公室 (where it sits, its 主任 and
副主任, in prose or as labelled lines), the signature and the date. Beside the text, :class:`NoticeTruth` holds what
the reader should find: the issuer and its level, the header, every person with role, titles and line, every member
unit with role, position and line, and the office.

Not imported by the CLI. Run as a script to write notices and their truth::

    python bench/synthetic_layouts.py OUTDIR -n 100 --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["LEVELS", "NoticeTruth", "SyntheticNotice", "generate_notice", "write_notices", "write_corpus", "corpus_main", "main"]

# Surnames and given-name characters the reader knows for people (graphmodel.names' list); none of the given
# characters ends a unit's name or a jurisdiction (办, 队, 所, 区, 县, 镇 …).
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董袁潘于蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石"
_GIVEN = "斌杰军明伟强芳敏娟霞丽静燕勇涛磊洪文华平刚辉峰鹏超飞亮玲婷慧莉萍红英梅兰琴雯蕾颖佳怡晨宇浩然俊凯晓春波森宁瑞雪云雅倩琳欣悦"
# Characters of jurisdiction names: no level suffix (市, 区, 县, 镇, 乡, 街, 道, 旗, 省) and no unit ending.
_PLACE = "云溪岚青禾东明石桥白沙临港平湖清河长丰泰和永安宁远西林南岭北川安澜嘉禾丰泽丹阳广德丰乐瑞金宝华江浦"

#: The levels a generated notice's issuer has, with how its bodies, posts and units are named.
LEVELS: dict[str, dict] = {
    "镇": dict(suffix="镇", bodies=("{j}人民政府", "中共{j}委员会"), head=("镇党委书记", "镇长"), deputy="副镇长",
              number="{p}府", office_prefix="镇", units=("规划建设办", "党政办", "财政所", "经济发展办", "城建中心"),
              collectives=("各村（居）委会主任", "各村党组织书记")),
    "乡": dict(suffix="乡", bodies=("{j}人民政府",), head=("乡党委书记", "乡长"), deputy="副乡长",
              number="{p}府", office_prefix="乡", units=("党政办", "财政所", "农业服务中心", "社会事务办"),
              collectives=("各村委会主任",)),
    "街道": dict(suffix="街道", bodies=("{j}办事处", "中共{j}工作委员会"), head=("党工委书记", "办事处主任"),
               deputy="办事处副主任", number="{p}委", office_prefix="", units=("党政办", "管理办", "平安办", "自治办"),
               collectives=("各居民区党组织书记",)),
    "区": dict(suffix="区", bodies=("{j}人民政府办公室", "{j}人民政府"), head=("区委书记", "区长"), deputy="副区长",
              number="{p}府办", office_prefix="区", units=("发改委", "财政局", "住房城乡建设委", "市场监管局", "生态环境局"),
              collectives=("各街道办事处主任", "各镇镇长", "各街镇分管领导")),
    "新区": dict(suffix="新区", bodies=("{j}管理委员会",), head=("党工委书记", "管委会主任"), deputy="管委会副主任",
               number="{p}管", office_prefix="", units=("经济发展局", "建设交通局", "财政局", "应急管理局"),
               collectives=("各园区分管领导",)),
    "开发区": dict(suffix="经济技术开发区", bodies=("{j}管理委员会",), head=("党工委书记", "管委会主任"),
                deputy="管委会副主任", number="{p}开管", office_prefix="", units=("经济发展局", "规划建设局", "安全监管局"),
                collectives=("各园区分管领导",)),
    "县": dict(suffix="县", bodies=("{j}人民政府", "中共{j}委员会办公室"), head=("县委书记", "县长"), deputy="副县长",
              number="{p}政发", office_prefix="县", units=("发展改革局", "财政局", "农业农村局", "水利局", "自然资源局"),
              collectives=("各乡镇乡镇长", "各乡镇分管领导")),
    "市": dict(suffix="市", bodies=("{j}人民政府", "{j}人民政府办公室"), head=("市委书记", "市长"), deputy="副市长",
              number="{p}政发", office_prefix="市", units=("发展改革委", "财政局", "住房城乡建设局", "自然资源和规划局"),
              collectives=("各区政府分管领导", "各县（市、区）人民政府分管领导")),
}
_TOPICS = ("城市更新工作", "营商环境优化工作", "乡村振兴工作", "安全生产工作", "防汛防台工作", "文明创建工作", "数字化转型工作")
_UNIT_POSTS = ("主要负责人", "主要负责人", "分管负责人")
_PADS = (" ", "  ", "\u3000\u3000", "\u00a0\u00a0", "\u3000")


def new_person(rng, used: set[str]) -> str:
    """A person's name (a surname, one or two given characters) not yet in ``used``, which it joins."""
    while True:
        name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in used:
            used.add(name)
            return name


@dataclass
class NoticeTruth:
    """What a notice says, as the reader should find it (lines are 1-based line numbers of the text)."""

    issuer: str
    level: str
    title: str
    number: str
    date: str
    group: str
    officials: list[tuple[str, str | None, tuple[str, ...], int]] = field(default_factory=list)
    units: list[tuple[str, str, str, int]] = field(default_factory=list)
    office_seat: str | None = None
    office_leads: list[str] = field(default_factory=list)
    office_deputies: list[str] = field(default_factory=list)
    # the office's heads who are no members of the group: (name, post, titles, line), kept on the office
    office_holders: list[tuple[str, str, tuple[str, ...], int]] = field(default_factory=list)


@dataclass
class SyntheticNotice:
    """A generated notice: its file name, text and truth."""

    file_name: str
    text: str
    truth: NoticeTruth


class _Text:
    """The notice's lines; remembers the line number of what is written."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> int:
        self.lines.append(line)
        return len(self.lines)


class _Notice:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed
        self.level = self.rng.choice(list(LEVELS))
        self.spec = LEVELS[self.level]
        place = self.rng.sample(_PLACE, 2)
        self.place = "".join(place)
        self.jurisdiction = self.place + self.spec["suffix"]
        self.used: set[str] = set()
        self.out = _Text()
        self.truth = NoticeTruth(issuer=self.jurisdiction, level=self.level, title="", number="", date="", group="")

    # --- vocabulary
    def person(self) -> str:
        return new_person(self.rng, self.used)

    def unit(self, name: str) -> str:
        return self.spec["office_prefix"] + name

    # --- parts
    def header(self) -> None:
        rng, spec = self.rng, self.spec
        body = rng.choice(spec["bodies"]).format(j=self.jurisdiction)
        if rng.random() < 0.4:
            self.out.add(body + "文件")
        year, no = rng.randint(2019, 2025), rng.randint(1, 199)
        left, right = ("[", "]") if rng.random() < 0.3 else ("〔", "〕")
        self.truth.number = spec["number"].format(p=self.place[:1]) + f"{left}{year}{right}{no}号"
        self.out.add(self.truth.number)
        topic = rng.choice(_TOPICS)
        self.truth.group = self.jurisdiction + topic + "领导小组"
        before = body if rng.random() < 0.3 else ""
        title = f"{before}关于成立{self.truth.group}的通知"
        self.truth.title = title
        if rng.random() < 0.4:
            cut = rng.randint(len(before) + 6, len(title) - 4)
            self.out.add(title[:cut])
            self.out.add(title[cut:])
        else:
            self.out.add(title)
        self.out.add("各有关单位：")
        self.out.add(f"为加强对{topic[:-2]}的组织领导，经研究，决定成立{self.truth.group}。现将有关事项通知如下：")
        self.date = (year, rng.randint(1, 12), rng.randint(1, 28))
        self.signature = body

    def entry(self, name: str, titles: tuple[str, ...]) -> str:
        rng = self.rng
        style = rng.choice(("full", "ascii", "after", "after", "before")) if titles else "bare"
        if style == "full":
            return f"{name}（{'、'.join(titles)}）"
        if style == "ascii":
            return f"{name}({'、'.join(titles)})"
        if style == "before" and len(titles) == 1:
            return f"{titles[0]}{rng.choice(_PADS)}{name}"
        if style in ("after", "before"):
            return f"{name}{rng.choice(_PADS)}{'、'.join(titles)}"
        return name

    def role(self, label: str, role: str, people: list[tuple[str, tuple[str, ...]]],
             units: list[tuple[str, str]]) -> None:
        rng = self.rng
        spaced = {"组长": ("组长", "组  长", "组\u3000\u3000长"), "成员": ("成员", "成  员", "成\u3000\u3000员"),
                  "副组长": ("副组长", "副 组 长")}.get(label, (label,))
        head = rng.choice(spaced) + rng.choice(("：", ":", "："))
        own_line = rng.random() < 0.4
        pending = head if not own_line else None
        if own_line:
            self.out.add(head)
        bracketed = [p for p in people if p[1]]
        joined = len(people) > 1 and rng.random() < 0.3 and all(p[1] for p in people)
        if joined:  # several people on one line: only in brackets, so 、 separates people, not titles
            text = "、".join(f"{n}（{'、'.join(t)}）" for n, t in people)
            no = self.out.add((pending or "") + text)
            pending = None
            self.truth.officials += [(n, role, t, no) for n, t in people]
        else:
            for name, titles in people:
                no = self.out.add((pending or rng.choice(("", "    ", "\u3000\u3000"))) + self.entry(name, titles))
                pending = None
                self.truth.officials.append((name, role, titles, no))
        del bracketed
        if units:
            if rng.random() < 0.5:
                no = self.out.add((pending or "") + "、".join(u + post for u, post in units))
                pending = None
                self.truth.units += [(u, role, post, no) for u, post in units]
            else:
                for u, post in units:
                    no = self.out.add((pending or "") + u + post)
                    pending = None
                    self.truth.units.append((u, role, post, no))

    def members(self) -> None:
        rng, spec = self.rng, self.spec
        heads = [(self.person(), (spec["head"][0],))]
        if rng.random() < 0.4:
            heads.append((self.person(), (spec["head"][1],)))
        executive = [(self.person(), (spec["deputy"] if rng.random() < 0.5 else "常务" + spec["deputy"],))] \
            if rng.random() < 0.5 else []
        deputies = [(self.person(), (spec["deputy"],)) for _ in range(rng.randint(1, 3))]
        unit_names = rng.sample(spec["units"], len(spec["units"]))
        self.member_people = [(self.person(), (self.unit(u) + rng.choice(("主任", "负责人")),))
                              for u in unit_names[: rng.randint(0, 2)]]
        member_units = [(self.unit(u), rng.choice(_UNIT_POSTS)) for u in unit_names[2: 2 + rng.randint(0, 2)]]
        if rng.random() < 0.6:
            collective = rng.choice(spec["collectives"])
            member_units.append(_split_collective(collective))
        if not self.member_people and not member_units:
            self.member_people.append((self.person(), (self.unit(unit_names[0]) + "主任",)))
        self.seat = self.unit(unit_names[0])
        if rng.random() < 0.5:
            self.out.add("一、领导小组组成人员")
        roles = [("组长", "组长", heads, []), ("常务副组长", "常务副组长", executive, []),
                 ("副组长", "副组长", deputies, []), ("成员", "成员", self.member_people, member_units)]
        if rng.random() < 0.25:
            roles[0], roles[2] = roles[2], roles[0]
        for label, role, people, units in roles:
            if people or units:
                self.role(label, role, people, units)

    def office(self) -> None:
        rng = self.rng
        if rng.random() < 0.15:
            return
        lead_name, lead_titles = self.member_people[0] if self.member_people else (None, ())
        style = rng.choice(("prose", "prose-by", "labels"))
        if style == "labels" or lead_name is None:
            if rng.random() < 0.5:
                self.out.add("二、领导小组办公室")
            director = lead_name or self.person()
            if lead_name is None:
                titles = (self.seat + "主任",)
                self.out.add(f"办公室主任：{director}（{titles[0]}）")
                self.truth.office_holders.append((director, "主任", titles, len(self.out.lines)))
            else:
                self.out.add(f"办公室主任：{director}")
                self.truth.office_leads.append(director)
            return
        self.truth.office_seat = self.seat
        deputy = self.truth.officials[-1][0] if self.truth.officials[-1][0] != lead_name else None
        if style == "prose":
            text = f"领导小组下设办公室，办公室设在{self.seat}，由{lead_name}同志兼任办公室主任"
            text += f"，{deputy}同志兼任办公室副主任" if deputy else ""
            self.out.add(text + "，负责日常工作。")
        else:
            outsider = self.person()
            titles = (self.seat + "主任",)
            text = f"领导小组办公室设在{self.seat}，办公室主任由{titles[0]}{outsider}兼任"
            text += f"，副主任由{deputy}同志担任" if deputy else ""
            no = self.out.add(text + "。")
            self.truth.office_holders.append((outsider, "主任", titles, no))
            lead_name = None
        if lead_name:
            self.truth.office_leads.append(lead_name)
        if deputy:
            self.truth.office_deputies.append(deputy)

    def footer(self) -> None:
        self.out.add("请各成员单位按照职责分工，密切配合，抓好落实。")
        self.out.add(self.signature)
        y, m, d = self.date
        self.out.add(f"{y}年{m}月{d}日")
        self.truth.date = f"{y:04d}-{m:02d}-{d:02d}"


def _split_collective(text: str) -> tuple[str, str]:
    for post in ("乡镇长", "分管领导", "镇长", "主任", "书记"):
        if text.endswith(post):
            return text[: -len(post)], post
    raise ValueError(text)


def generate_notice(seed: int) -> SyntheticNotice:
    """Generate the notice of ``seed`` with its truth (the same seed gives the same notice).

    Examples
    --------
    >>> n = generate_notice(7)
    >>> n.truth.title in n.text.replace("\\n", ""), n.truth.level in LEVELS
    (True, True)
    """
    notice = _Notice(seed)
    notice.header()
    notice.members()
    notice.office()
    notice.footer()
    text = "\n".join(notice.out.lines) + "\n"
    return SyntheticNotice(f"notice-{seed:06d}.txt", text, notice.truth)


def write_corpus(folder: Path, n: int, seed: int, generate) -> list[Path]:
    """Write ``n`` documents made by ``generate(seed)`` and ``truth.jsonl`` (one line per document) into ``folder``.

    ``generate`` returns an object with ``file_name``, ``text`` and ``truth`` (a dataclass).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with open(folder / "truth.jsonl", "w", encoding="utf-8") as truth:
        for i in range(n):
            doc = generate(seed * 1_000_003 + i)
            path = folder / doc.file_name
            path.write_text(doc.text, encoding="utf-8")
            truth.write(json.dumps({"file": doc.file_name, **asdict(doc.truth)}, ensure_ascii=False) + "\n")
            paths.append(path)
    return paths


def corpus_main(argv: list[str] | None, write, what: str, description: str) -> int:
    """The command line of a generator: ``OUTDIR [-n N] [--seed S]``, then ``write(outdir, n, seed)``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write(args.outdir, args.n, args.seed)
    print(f"{args.n} {what} in {args.outdir}", file=sys.stderr)
    return 0


def write_notices(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` notices and ``truth.jsonl`` (one line per notice) into ``folder``."""
    return write_corpus(folder, n, seed, generate_notice)


def main(argv: list[str] | None = None) -> int:
    return corpus_main(argv, write_notices, "notices", __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
