"""Synthetic 街道 action plans whose facts are known: the corpus of the Scale benchmark (issue 5).

Each plan is written as PDF-extracted text in the genre of the bundled plans (data/):
a header with 文号 and issuer, the body (指导思想, 主要目标, 具体行动安排 with action
groups and numbered actions, 组织保障), the attachment list, 附件 1 the leading group
(领导小组名单) and, in most plans, 附件 2 the task table (任务表) with its cells split
over lines as PDF extraction leaves them. Beside the text, :class:`PlanTruth` holds what
the text says, in the form graphmodel's resolution should give it: the officials with
role and titles, each task with its lead, responsible and cooperating units (canonical
names), accountable officials and goal, the streets, the header.

Plans are deterministic from their seed (``random.Random(seed)``, no global state), and
each seed of a run of consecutive seeds gets its own 街道, so a corpus of tens of
thousands of plans has as many 街道. The default layouts are ones the reader handles;
``hard=`` adds layouts it is known to misread (see :data:`HAZARDS`).

Not imported by the CLI. Run as a script to write a corpus::

    python bench/synthetic.py OUTDIR -n 100 --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "HAZARDS",
    "SUBDISTRICT_CAPACITY",
    "MAX_TASKS",
    "MAX_ACTIONS",
    "OfficialTruth",
    "TaskTruth",
    "PlanTruth",
    "SyntheticPlan",
    "generate_plan",
    "subdistrict_name",
    "write_corpus",
    "main",
]

#: Layouts a real plan may have that the reader is known to misread, by name. ``hard=True``
#: puts each of them into a plan; ``hard={"name", …}`` only the ones named.
HAZARDS: dict[str, str] = {
    "title_wrap_at_comma": (
        "a leading-group member's titles wrap right after 、 (“周军杰 社区平安办（信访办）负责人、” / “党支部书记”): "
        "the reader takes the continuation for the end of the list and drops every later member"
    ),
    "content_line_ends_sentence": (
        "a task's content has two sentences and the first fills a printed line, ending it with 。: "
        "the reader closes the row there and reads the rest as a new task without a number"
    ),
    "content_line_enumeration": (
        "a line of a task's content holds only short items joined by 、 "
        "(“聚焦背街小巷、老旧小区、沿街商铺、公共绿地等区域开展”): the reader takes it for an indicator "
        "(or unit) cell, not for content"
    ),
    "content_line_starts_with_number": (
        "a line of a task's content starts with the next row's number and a space (“…新增公共停车泊位” / "
        "“8 个，…”, as PDF text spaces numbers): the reader starts row 8 there"
    ),
    "two_leads_wrapped": (
        "two leads in the 牵头领导 cell, wrapped (“陆炜锋、” / “蔡斌”): the reader keeps the first and "
        "glues the second to the responsible unit's name"
    ),
    "cell_break_after_unit_char": (
        "a unit cell wraps right after a character that can end a unit's name "
        "(“管理办、各机关部” / “门、事业中心”): the reader ends the unit there and splits it in two"
    ),
    "collective_then_generic": (
        "the cooperating cell names 各居民区 and then 相关部门 (“…、各居民区、相关部门”): "
        "the reader reads one collective “各居民区、相关部门”, as it reads 各机关部门、事业中心"
    ),
    "indicator_width_equal": (
        "the 一级指标 is exactly as wide as its column (5 characters, one full line) and the 二级项目 "
        "below it wraps: the reader joins the first line of the 二级项目 to the 一级指标, so the task "
        "serves a goal named by the 二级项目's tail"
    ),
    "abbreviation_not_in_order": (
        "the table writes a common short form whose characters are not in the full name's order "
        "(市场监管所 for 某某市场监督管理所): the resolver keeps it as a unit of its own, without "
        "the head that the leading group names"
    ),
}

# --------------------------------------------------------------------------- vocabulary

# Surnames the reader accepts for a lead in the table (all in graphmodel.names' list).
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
    "殷包虞邢傅费郁"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛")
# Given-name characters: none ends a unit's name (办, 队, 所, 会, 区 …) or a place (路, 浜 …).
_GIVEN = (
    "斌杰军明伟强芳敏娟霞丽静燕勇涛磊洪文华平刚辉峰鹏超飞亮玲婷慧莉萍红英梅兰琴雯蕾颖佳怡晨宇浩然俊凯"
    "晓春波森宁瑞雪云雅倩琳欣悦炜锋黎善迪鸣望晗荣兴隆淑冉琼蒙秀珍艳丹凤桂菊萱楠彬毅坚庆帅珺佩宏伦翔骏昊"
    "睿哲轩茜莹"
)
# Characters of 街道 names: none is 街, 道, 镇, 乡, a place suffix, or a unit ending.
_PLACE = (
    "金杨潍坊东明塘桥陆花木周三林北蔡川沙惠南宣高行曹洋书万祥泥城合庆唐祝康航头梅陇虹田枫朱练华漕七宝"
    "莘古美吴马颛青松柳桂兰竹桃荷菊霞锦绣丹凤博兴崂福峰岛秀泉光源溪泰宁平乐春秋玉雪晴昌盛隆茂丰裕瑞祥"
    "恒益云龙嘉定安亭罗店顾淀彭浦真如长风曲阳殷凌兆枣庄徐汇"
)
_PLACE = "".join(dict.fromkeys(_PLACE))[:120]
_SUBDISTRICT_KINDS = ("新村街道", "路街道", "街道", "新城街道")
#: The most tasks a plan can have: a table's rows are numbered with up to three digits,
#: numbered actions (a plan without table) with up to two.
MAX_TASKS = 999
MAX_ACTIONS = 99
#: How many distinct 街道 names there are: consecutive seeds up to this many get distinct ones.
SUBDISTRICT_CAPACITY = len(_PLACE) ** 2 * len(_SUBDISTRICT_KINDS)
# Street names: two characters no place heuristic cuts (no 进, 在, 新 …) and a suffix.
_STREET_CHARS = "凌兆云枣庄杨罗黄松柳桂兰枫梅杏桃荷菊竹桐椿榆槐霞锦绣丹凤博兴崂福城潍坊峰岛秀泉林光明华源溪泰宁平乐园春秋金玉雪晴霖昌盛隆茂丰裕瑞祥恒益"
_STREET_SUFFIXES = ("路", "路", "路", "路", "大道", "浜")

_PLAN_NAMES = (
    "打造精品城区行动方案",
    "整体提升打造精品城区专项行动计划",
    "精品城区建设三年行动方案",
    "美丽家园建设行动方案",
    "打造精品城区实施方案",
    "城区品质提升行动计划",
)


@dataclass(frozen=True)
class _UnitKind:
    name: str  # as the leading group's titles write it
    shorts: tuple[str, ...]  # other spellings a task table uses
    chief: tuple[str, ...]  # positions of its head
    deputy: tuple[str, ...]  # positions of a deputy


_UNIT_KINDS = (
    _UnitKind("党政办", ("党政办（项目办）",), ("主任",), ("副主任",)),
    _UnitKind("社区党建办", ("党建办",), ("主任",), ("副主任",)),
    _UnitKind("社区管理办", ("管理办",), ("主任", "负责人"), ("副主任",)),
    _UnitKind("社区服务办", ("服务办",), ("主任",), ("副主任",)),
    _UnitKind("社区平安办（信访办）", ("平安办", "平安办（信访办）"), ("负责人", "主任"), ("副主任",)),
    _UnitKind("社区自治办", ("自治办",), ("主任",), ("副主任",)),
    _UnitKind("社区宣统文化办", ("宣统办", "宣统文化办"), ("主任",), ("副主任",)),
    _UnitKind("社区营商环境办", ("营商办", "营商环境办"), ("负责人", "主任"), ("副主任",)),
    _UnitKind("人大办", (), ("主任",), ("副主任",)),
    _UnitKind("城市运行管理中心", ("城运中心",), ("主任",), ("常务副主任", "副主任")),
    _UnitKind("社区事务受理服务中心", ("社区事务受理中心",), ("主任",), ("副主任",)),
    _UnitKind("社区党群服务中心", ("党群服务中心",), ("主任",), ("副主任",)),
    _UnitKind("城市建设管理事务中心", ("城建中心",), ("主任",), ("副主任",)),
    _UnitKind("综合行政执法队", ("执法队",), ("队长",), ("副队长",)),
    _UnitKind("社区总工会", ("工会", "总工会"), ("主席",), ("专职副主席",)),
    _UnitKind("团工委", ("团委",), ("书记",), ("副书记",)),
    _UnitKind("妇女联合会", ("妇联",), ("主席",), ("副主席",)),
    _UnitKind("社区卫生服务中心", (), ("主任",), ("副主任",)),
    _UnitKind("社区文化活动中心", ("文化中心",), ("主任",), ("副主任",)),
    _UnitKind("司法所", (), ("所长",), ("副所长",)),
    _UnitKind("社区绿化市容所", ("绿化市容所", "市容所"), ("所长",), ("副所长",)),
    _UnitKind("退役军人服务站", (), ("站长",), ("副站长",)),
)
_KIND_ORDER = {k.name: i for i, k in enumerate(_UNIT_KINDS)}
# Units no title names: they stand in the table as written.
_UNTITLED = ("林长办", "社区规划办", "社区文化活动中心", "退役军人服务站", "社区卫生服务中心")
_COLLECTIVES = ("各居民区", "各居民区", "各居民区", "各机关部门、事业中心", "相关部门")

# 一级指标 (= the body's action groups): 6–9 characters, so no line of the cell is full and open.
_GROUPS = (
    "提升服务能级", "焕新社区面貌", "完善应急体系", "激发参与合力", "优化营商环境", "提升治理效能",
    "打造宜居环境", "守牢安全底线", "繁荣社区文化", "深化数字治理", "夯实基层基础", "建设美丽家园",
    "推进城区更新", "织密为民服务网", "共建共治共享", "擦亮城区品牌",
)
# 5-character 一级指标 for the hazard "indicator_width_equal".
_GROUPS_FULL_WIDTH = ("提升宜居度", "美化市容貌", "强化凝聚力")
# 二级项目 (= the body's numbered actions).
_PROJECTS = (
    "提升社会公共服务能力", "创建“一刻钟便民生活圈”示范社区", "吸纳社会共同参与", "提升街区景观环境",
    "提高小区环境品质", "改善市容薄弱区域环境", "升级数字应用", "健全消防设施", "推进应急建设",
    "强化党建引领", "深化自治共治", "广泛宣传报道", "完善养老服务体系", "优化营商服务", "加强风险隐患排查",
    "优化文化供给", "凝聚人心共识", "深化楼宇党建", "完善街区党建", "加快人防技防建设", "推进垃圾分类",
    "美化公共空间", "提升物业服务水平", "加强群租整治", "建设智慧社区", "完善便民设施",
    "推动旧住房更新", "打造口袋公园", "培育社区能人", "发展夜间经济", "关爱一老一小", "做实家门口服务",
    "推进精细化管理", "创建平安小区", "提升文明程度", "加强生态保护", "推进绿色低碳", "建强党群阵地",
    "促进就业创业", "深化法治建设",
)
_MAIN_GOALS = ("美丽{s}", "品质{s}", "宜居{s}", "活力{s}", "至善至美{s}", "幸福{s}", "精彩{s}")
_GOAL_PARTS = ("精致规划", "精心建设", "精细治理", "精准服务", "精彩生活", "精英队伍")

# Clauses of a task's content; {s} is the 街道's short name, {n} a number.
_CLAUSES = (
    "推进党群服务中心与各类基层阵地双向开放", "完善二十四小时自助服务区设置", "加快家门口服务体系建设",
    "推进养老服务站、未成年人保护工作站等建设", "推动青年发展型城区建设", "推动公共文体资源配送再升级",
    "打造复合公共活动空间", "深化新时代文明实践建设", "推动商业设施与公共设施联动", "建设布局合理的便民生活圈",
    "靓化提升门户区块景观", "打造特色街巷", "推进建成区绿化覆盖率达 {n}%以上", "持续推进老旧小区综合整新",
    "积极争取提高建设标准", "融合生态文明理念", "推进可回收能源利用", "创建绿色、低碳社区",
    "同步实施雨污水出户井改造", "开展市容环境薄弱区域集中整治", "推动背街小巷维护管养及修缮改造",
    "推动老旧集贸市场标准化改造", "打造标准化城市运行综合指挥中心", "升级居民区视频会商系统",
    "提升“一网统管”硬件基础", "加快城市运行数字转型升级", "推进三级微型消防站建设改造",
    "增设非机动车车棚消防设施", "改造高层建筑水泵等设施", "完善居民区应急体系", "配备必要的应急抢险、救护设施",
    "打造高质量“红色引擎”", "发挥人大代表作用", "精准了解居民需求", "着力打造有特色、有亮点的自治金项目",
    "探索治理样本典范", "挖掘各具特色的工作举措", "充分调动社会积极性", "充分利用各类文化宣传阵地",
    "提炼文化内涵", "营造良好社会宣传氛围", "定期走访企业", "协调解决企业提出的问题", "推进辖区企业服务中心建设",
    "优化实有人口管理", "加大排查力度", "督促问题整改", "强化小区建筑垃圾管理", "推广智能化电瓶车梯阻系统",
    "完善小区车库消防喷淋系统", "增设电动自行车集中充电设施", "丰富站点功能", "加强文明志愿团队培育",
    "培育更多文化达人和文化项目", "打造具有{s}特色的宜居社区", "展示具有{s}特色的形象符号",
    "新增公共停车泊位 {n}个", "完成 {n}个小区加装电梯", "每年开展 {n}场主题活动",
)
# Clauses that name streets; {a} and {b} are streets.
_STREET_CLAUSES = (
    "推进{a}沿线环境整治", "以{a}、{b}为主要分界线", "实施{a}、{b}架空线入地", "在{a}周边设置口袋公园",
    "对{a}沿街商铺开展业态调整", "提升{a}沿街立面品质", "打造{a}特色街景",
)
# For the hazard "content_line_enumeration": a run of short items joined by 、.
_ENUMERATION = "聚焦背街小巷、老旧小区、沿街商铺、公共绿地等区域"

_BODY_PROSE = (
    "坚持以人民为中心的发展思想，积极践行“人民城市人民建，人民城市为人民”重要理念，"
    "始终坚持把最好的资源留给群众，将人民群众的获得感、满意度作为工作的最高衡量标准。"
    "坚持统筹兼顾、分类实施、共建共享，全面推进“十五分钟社区生活圈”建设，进一步完善党建引领"
    "基层治理格局，推进生产、生活、生态深度融合，实现宜居、宜业、宜游、宜学、宜养的美好愿景。"
)
_SAFEGUARDS = (
    "一是加强组织领导。充分发挥领导小组统一指挥、统筹部署作用，定期研讨，挂图作战，细化落实项目推进、"
    "资金保障、量化考核等多项工作机制，稳步推动精品城区打造。",
    "二是加强部门协调。建立健全长效联动机制，各部门各司其职、协调配合、相互支持，定期组织工作例会，"
    "做好信息沟通，统筹子项目协同推进。",
    "三是加强任务落实。各部门、单位在充分调研的基础上，形成项目清单，明确目标任务，细化工作方案，"
    "落实工作责任，扎实开展项目建设和任务落实。",
    "四是加强督导检查。对照责任清单，按照时间节点强化督导检查，及时反馈责任单位和部门，跟进整改整治，"
    "确保建设实施高质高效。",
)
_TEAMS = (
    ("项目建设专班", "精品城区项目建设的具体推进落实"),
    ("赋能提升专班", "党建引领、文化提炼、宣传推广、自治联动等工作开展"),
    ("环境整治专班", "市容环境整治和小区综合治理"),
)
_CN = "一二三四五六七八九十"
_NO_LINE_START = frozenset("，。、；：！？）”》%")
_SENTENCE_END = frozenset("。；！？")
# Characters that can end a unit's name: a cell must not wrap right after one (default layouts).
_UNIT_END_CHARS = frozenset("办队所会委区联室局站部科院校处组馆团厂庭社心门位司支织班）)")


# --------------------------------------------------------------------------- truth


@dataclass(frozen=True)
class OfficialTruth:
    """An official as the resolved model should hold them: role (None outside the group) and titles."""

    name: str
    role: str | None
    titles: tuple[str, ...]


@dataclass(frozen=True)
class TaskTruth:
    """A task and who is assigned to it; units by their canonical names, sets as sorted tuples.

    A unit's canonical name is its spelling in the leading group's titles (社区管理办 for 管理办),
    else its name as the table writes it. The accountable officials are the heads of the
    responsible unit, its deputies when it has no chief.
    """

    number: int | None
    text: str
    leads: tuple[str, ...]  # 牵头领导 as written: one, none, now and then two
    responsible: str | None
    cooperating: tuple[str, ...]
    accountable: tuple[str, ...]
    goal: str | None  # the 二级项目 (or action group) the task serves

    @property
    def lead(self) -> str | None:
        """The task's lead, None when the row names none (the first when it names two)."""
        return self.leads[0] if self.leads else None


@dataclass(frozen=True)
class PlanTruth:
    """What one synthetic plan says."""

    subdistrict: str
    title: str
    number: str
    date: str
    printed: str
    officials: tuple[OfficialTruth, ...]
    tasks: tuple[TaskTruth, ...]
    streets: tuple[str, ...]
    has_table: bool

    def as_dict(self) -> dict:
        """Return the truth as plain JSON-ready data (what ``dataclasses.asdict`` gives, quicker)."""
        return {
            "subdistrict": self.subdistrict,
            "title": self.title,
            "number": self.number,
            "date": self.date,
            "printed": self.printed,
            "officials": [{"name": o.name, "role": o.role, "titles": list(o.titles)} for o in self.officials],
            "tasks": [
                {"number": t.number, "text": t.text, "leads": list(t.leads), "responsible": t.responsible,
                 "cooperating": list(t.cooperating), "accountable": list(t.accountable), "goal": t.goal}
                for t in self.tasks
            ],
            "streets": list(self.streets),
            "has_table": self.has_table,
        }


@dataclass(frozen=True)
class SyntheticPlan:
    """One generated plan: its text, 街道, file name, seed, truth and the hazards its text holds.

    As blocks for other formats (bench/render.py): ``paragraphs`` are the printed lines up to the
    task table, ``table_rows`` the table's rows of cells (the header first; empty without a table),
    each cell as a whole — the 一级指标 and 二级项目 only in the first row they hold for.
    """

    text: str
    subdistrict: str
    file_name: str
    seed: int
    truth: PlanTruth
    hazards: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()


# --------------------------------------------------------------------------- helpers


def subdistrict_name(seed: int) -> tuple[str, str]:
    """Return the 街道 of a seed and its short name; consecutive seeds get distinct ones.

    The seed is mapped by a bijection of ``range(SUBDISTRICT_CAPACITY)``, so any
    ``SUBDISTRICT_CAPACITY`` consecutive seeds name as many different 街道.

    Examples
    --------
    >>> len({subdistrict_name(s)[0] for s in range(5000)})
    5000
    >>> name, short = subdistrict_name(7)
    >>> name.startswith(short) and name.endswith("街道")
    True
    """
    n = len(_PLACE)
    index = (seed * 7919 + 1237) % SUBDISTRICT_CAPACITY  # 7919 is prime to 2, 3 and 5
    a, rest = index % n, index // n
    b, kind = rest % n, rest // n
    short = _PLACE[a] + _PLACE[b]
    return short + _SUBDISTRICT_KINDS[kind], short


def _wrap(text: str, width: int) -> list[str]:
    """Break prose into printed lines; punctuation never starts a line (避头)."""
    lines, start, n = [], 0, len(text)
    while n - start > width:
        end = start + width
        while end < n and text[end] in _NO_LINE_START:
            end += 1
        if end >= n:
            break
        lines.append(text[start:end])
        start = end
    lines.append(text[start:])
    return lines


def _wrap_content(text: str, width: int) -> list[str]:
    """Break a task's content into lines; no inner line ends a sentence (the reader would close the row)."""
    lines, start, n = [], 0, len(text)
    while n - start > width:
        end = start + width
        while end < n and text[end] in _NO_LINE_START:
            end += 1
        if end >= n:
            break
        while end - start > 4 and (text[end - 1] in _SENTENCE_END or text[end] in _NO_LINE_START):
            end -= 1
        lines.append(text[start:end])
        start = end
    lines.append(text[start:])
    return lines


def _wrap_cell(text: str, width: int) -> list[str]:
    """Break a table cell, never right after a character that may end a unit's name (the reader would end it there)."""
    lines, start, n = [], 0, len(text)
    while n - start > width:
        end = start + width
        while end < n and text[end] in _NO_LINE_START:
            end += 1
        if end >= n:
            break
        cut = end
        while cut > start + 1 and text[cut - 1] in _UNIT_END_CHARS and text[cut] not in "（(、":
            cut -= 1
        if cut > start + 1:
            end = cut
        lines.append(text[start:end])
        start = end
    lines.append(text[start:])
    return lines


def _chunks(text: str, width: int) -> list[str]:
    """Cut an indicator cell into lines of ``width`` characters, quotation marks not counted."""
    lines, current, count = [], "", 0
    for ch in text:
        current += ch
        if ch not in "“”":
            count += 1
        if count == width:
            lines.append(current)
            current, count = "", 0
    if current:
        if current in ("”", "“") and lines:
            lines[-1] += current
        else:
            lines.append(current)
    return lines


def _cn(k: int) -> str:
    """Chinese numeral of ``k`` (1–99): 一, 十, 十二, 二十三."""
    tens, ones = divmod(k, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN[tens - 1] + "十")
    return head + (_CN[ones - 1] if ones else "")


class _Random(random.Random):
    """``random.Random`` with a quicker ``choice`` and ``randint`` (one float each): generation is mostly drawing."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


class _Writer:
    """Collects printed lines: blank lines between most of them, a page-break indent now and then."""

    def __init__(self, rng: _Random):
        self.rng = rng
        self.lines: list[str] = []
        self.blank = rng.uniform(0.6, 0.9)

    def add(self, line: str) -> None:
        r = self.rng.random()  # one draw: a blank line below most lines, an indent on a few others
        if r < self.blank:
            self.lines += (line, "")
        else:
            self.lines.append(" " + line if r > 0.96 else line)

    def extend(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.add(line)

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- the plan


class _Plan:
    """The facts of one plan, drawn from the seed, then written out."""

    def __init__(self, seed: int, tasks: int | None, table: bool | None, hazards: frozenset[str]):
        self.rng = rng = _Random(seed)
        self.seed = seed
        self.hazards = hazards
        self.placed: set[str] = set()  # the hazards the text holds
        self.subdistrict, self.short = subdistrict_name(seed)
        self.plan_name = rng.choice(_PLAN_NAMES)
        self.title = self.subdistrict + self.plan_name
        self.has_table = table if table is not None else rng.random() < 0.85
        self.n_tasks = tasks if tasks is not None else rng.randint(8, 26)
        if not 1 <= self.n_tasks <= MAX_TASKS:
            raise ValueError(f"a plan has 1 to {MAX_TASKS} tasks")
        if self.n_tasks > MAX_ACTIONS:  # numbered actions (1、…) have one or two digits
            if table is False:
                raise ValueError(f"a plan without task table has at most {MAX_ACTIONS} numbered actions")
            self.has_table = True
        self.used_names: set[str] = set()
        self.streets: list[str] = []
        self._street_names: set[str] = set()
        self.paragraphs: list[str] = []  # the printed lines before the task table
        self.table_rows: list[tuple[str, ...]] = []  # the task table as cells, header first
        year = rng.randint(2022, 2025)
        month, day = rng.randint(1, 11), rng.randint(1, 28)
        self.date = (year, month, day)
        self.printed = (year, month + 1, rng.randint(1, 28))
        self.number = f"浦{self.subdistrict[0]}委〔{year}〕{rng.randint(1, 120)}号"
        self._draw_group()
        self._draw_structure()

    # ----------------------------------------------------------------- names
    def person(self) -> str:
        rng = self.rng
        while True:
            r = rng.random()
            if r < 0.03:
                name = rng.choice(_COMPOUND_SURNAMES) + rng.choice(_GIVEN)
            elif r < 0.4:
                name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
            else:
                name = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def street(self) -> str:
        rng = self.rng
        while True:
            name = rng.choice(_STREET_CHARS) + rng.choice(_STREET_CHARS) + rng.choice(_STREET_SUFFIXES)
            if name not in self._street_names and name[0] != name[1]:
                self._street_names.add(name)
                return name

    # ----------------------------------------------------------------- the leading group
    def _draw_group(self) -> None:
        rng = self.rng
        short = self.short
        self.officials: list[list] = []  # [name, role, [(title, unit, deputy)]]
        self.heads: dict[str, list[tuple[str, bool]]] = {}  # canonical unit → [(official, deputy)]

        def official(role: str, titles: list[tuple[str, str | None, bool]]) -> str:
            name = self.person()
            self.officials.append([name, role, titles])
            for _text, unit, deputy in titles:
                if unit:
                    self.heads.setdefault(unit, []).append((name, deputy))
            return name

        member = lambda text: (text, None, False)  # noqa: E731  (a 委员 heads nothing)
        if rng.random() < 0.7:
            official("组长", [("党工委书记", "党工委", False), ("人大工委主任", "人大工委", False)])
            official("组长", [("党工委副书记", "党工委", True), ("办事处主任", "办事处", False)])
        else:
            official("组长", [("党工委书记", "党工委", False)])
        self.leads: list[str] = []
        if rng.random() < 0.9:
            titles = [("办事处副主任", "办事处", True)]
            if rng.random() < 0.5:
                titles.insert(0, member("党工委委员"))
            self.leads.append(official("常务副组长", titles))
        # 副组长
        self.police: list[str] = []
        deputies = [
            [("党工委副书记", "党工委", True)],
            [("党工委副书记", "党工委", True)],
            [member("党工委委员"), ("办事处副主任", "办事处", True)],
            [member("党工委委员"), ("办事处副主任", "办事处", True)],
            [member("党工委委员"), ("办事处副主任", "办事处", True)],
            [member("党工委委员"), ("纪工委书记", "纪工委", False)],
            [member("党工委委员"), ("武装部长", "武装部", False)],
            [("人大工委副主任", "人大工委", True)],
            [("办事处副主任", "办事处", True)],
        ]
        rng.shuffle(deputies)
        deputies = deputies[: rng.randint(3, len(deputies))]
        for _ in range(rng.choice((0, 1, 1, 2))):
            place = short if not self.police else rng.choice(_PLACE) + rng.choice(_PLACE)
            station = place + rng.choice(("新村", "", "路")) + "派出所"
            if station in self.police:
                continue
            self.police.append(station)
            deputies.append([member("党工委委员（兼职）"), (station + "所长", station, False)])
        if rng.random() < 0.3:
            school = rng.choice(_PLACE) + rng.choice(_PLACE) + "实验"
            deputies.append([member("党工委委员（兼职）"), (school + "中学党总支书记", school + "中学党总支", False),
                             ("校长", None, False)])
        for titles in deputies:
            name = official("副组长", titles)
            if not titles[-1][0].startswith("武装部") and rng.random() < 0.85:
                self.leads.append(name)
        for _ in range(rng.choice((0, 0, 1, 2))):
            official("副组长", [(rng.choice(("二级调研员", "三级调研员", "四级调研员")), None, False)])
        if not self.leads:
            self.leads.append(self.officials[-1][0])

        # 成员: one head per unit the plan names in a title
        kinds = list(_UNIT_KINDS)
        rng.shuffle(kinds)
        titled = kinds[: rng.randint(8, min(18, len(kinds)))]
        titled.sort(key=lambda k: _KIND_ORDER[k.name])
        self.titled: dict[str, _UnitKind] = {k.name: k for k in titled}
        member_titles: dict[str, list[tuple[str, str, bool]]] = {}
        for kind in titled:
            unit = kind.name
            if kind.name == "综合行政执法队" and rng.random() < 0.3:
                unit = "综合行政执法队（城管中队）"
                kind = _UnitKind(unit, ("综合行政执法队", "执法队", "城管中队"), kind.chief, kind.deputy)
                self.titled.pop("综合行政执法队")
                self.titled[unit] = kind
            if rng.random() < 0.12:
                member_titles[unit] = [(unit + rng.choice(kind.deputy), unit, True)]
            else:
                member_titles[unit] = [(unit + rng.choice(kind.chief), unit, False)]
        if "团工委" in member_titles and "党政办" in member_titles and rng.random() < 0.6:
            member_titles["团工委"].append(("党政办副主任", "党政办", True))
        self.market = None
        if rng.random() < 0.4 or "abbreviation_not_in_order" in self.hazards:
            self.market = short + "市场监督管理所"
            member_titles[self.market] = [(self.market + "所长", self.market, False)]
        members = list(member_titles.values())
        self.comma_wrapped: str | None = None  # the 成员 whose titles wrap after 、 (hazard)
        if "title_wrap_at_comma" in self.hazards:
            titles = max(members, key=lambda ts: (12 <= len(ts[0][0]) <= 15, len(ts[0][0])))
            titles.append(("党支部书记", "党支部", False))
        if rng.random() < 0.5:
            members.insert(rng.randrange(len(members) + 1),
                           [("纪工委副书记", "纪工委", True), ("监察办副主任", "监察办", True)])
        for titles in members:
            name = official("成员", titles)
            if titles[-1][0] == "党支部书记":
                self.comma_wrapped = name
                self.placed.add("title_wrap_at_comma")
        self.collective_member = rng.random() < 0.5

        # units the table may name: titled ones, some no title names, the 武装部 and a single 派出所
        untitled = [u for u in _UNTITLED if u not in self.titled]
        rng.shuffle(untitled)
        self.untitled = untitled[: rng.randint(1, 3)]
        self.units = list(self.titled) + self.untitled
        if any(t[0] == "武装部长" for o in self.officials for t in o[2]):
            self.units.append("武装部")
        if len(self.police) == 1:
            self.units.append(self.police[0])
        if self.market:
            self.units.append(self.market)

    def spelling(self, unit: str) -> str:
        """A spelling of a unit in the table: the title's, or a short form of it."""
        rng = self.rng
        kind = self.titled.get(unit)
        if kind and kind.shorts and rng.random() < 0.6:
            short = rng.choice(kind.shorts)
            return short.replace("（", "(").replace("）", ")") if rng.random() < 0.1 else short
        if unit in self.police and rng.random() < 0.5:
            return "派出所"
        return unit

    def accountable(self, unit: str | None) -> tuple[str, ...]:
        heads = self.heads.get(unit, []) if unit else []
        chiefs = [o for o, deputy in heads if not deputy] or [o for o, _ in heads]
        return tuple(sorted(dict.fromkeys(chiefs)))

    # ----------------------------------------------------------------- goals and tasks
    def _draw_structure(self) -> None:
        rng = self.rng
        n = self.n_tasks
        counts: list[int] = []  # rows of the table under each 二级项目
        if self.has_table:
            max_projects = len(_PROJECTS)
            per = max(1, -(-n // max_projects))
            left = n
            while left > 0:
                c = min(left, rng.choice((1, 1, 2, 2, 3)) * per)
                counts.append(c)
                left -= c
            if len(counts) > max_projects:  # fold the tail into the last project
                counts[max_projects - 1] += sum(counts[max_projects:])
                counts = counts[:max_projects]
            projects = rng.sample(_PROJECTS, len(counts))
        else:  # the numbered actions are the tasks: one each, titles repeat past the vocabulary
            counts = [1] * n
            projects = [_PROJECTS[i % len(_PROJECTS)] for i in rng.sample(range(max(n, len(_PROJECTS))), n)]
        n_groups = max(1, min(len(_GROUPS), round(len(counts) / rng.uniform(1.5, 3.0))))
        n_groups = min(n_groups, len(counts))
        groups = rng.sample(_GROUPS, n_groups)
        if "indicator_width_equal" in self.hazards and self.has_table:
            groups[0] = rng.choice(_GROUPS_FULL_WIDTH)
            self.placed.add("indicator_width_equal")
        # split projects among groups, each group at least one
        cuts = sorted(rng.sample(range(1, len(counts)), n_groups - 1)) if n_groups > 1 else []
        bounds = [0, *cuts, len(counts)]
        self.groups: list[tuple[str, list[tuple[str, int]]]] = []
        for g, (a, b) in enumerate(zip(bounds, bounds[1:])):
            self.groups.append((groups[g], [(projects[k], counts[k]) for k in range(a, b)]))
        if "indicator_width_equal" in self.hazards and self.has_table:
            first = self.groups[0][1]
            if len(first[0][0].replace("“", "").replace("”", "")) <= 4:
                long = next(p for p in _PROJECTS if len(p) >= 8 and p not in projects)
                first[0] = (long, first[0][1])
        self.project_lead = {p: rng.choice(self.leads) for _g, ps in self.groups for p, _c in ps}

    def task_text(self, sentences: int = 1) -> tuple[str, list[str]]:
        """A task's content and the streets it names."""
        rng = self.rng
        parts, named = [], []
        for s in range(sentences):
            clauses = []
            for _ in range(rng.choice((1, 2, 2, 3, 3))):
                if not named and rng.random() < 0.12:
                    a, b = self.street(), None
                    clause = rng.choice(_STREET_CLAUSES)
                    if "{b}" in clause:
                        b = self.street()
                    clauses.append(clause.format(a=a, b=b))
                    named += [a] if b is None else [a, b]
                else:
                    clauses.append(rng.choice(_CLAUSES).format(s=self.short, n=rng.randint(2, 90)))
            parts.append("，".join(dict.fromkeys(clauses)) + "。")
        return "".join(parts), named

    # ----------------------------------------------------------------- writing
    def write(self) -> tuple[str, PlanTruth]:
        rng = self.rng
        w = _Writer(rng)
        width = rng.randint(25, 28)
        self._header(w, width)
        tasks = self._body(w, width)
        self._attachments(w)
        self._leading_group(w, width)
        if self.has_table:
            tasks = self._table(w)
        else:
            self.paragraphs = [line.strip() for line in w.lines if line.strip()]
        officials = [OfficialTruth(n, role, tuple(t for t, _u, _d in titles)) for n, role, titles in self.officials]
        known = {o.name for o in officials}
        for t in tasks:
            for lead in t.leads:
                if lead not in known:
                    officials.append(OfficialTruth(lead, None, ()))
                    known.add(lead)
        truth = PlanTruth(
            subdistrict=self.subdistrict,
            title=self.title,
            number=self.number,
            date="%04d-%02d-%02d" % self.date,
            printed="%04d-%02d-%02d" % self.printed,
            officials=tuple(officials),
            tasks=tuple(tasks),
            streets=tuple(sorted(set(self.streets))),
            has_table=self.has_table,
        )
        return w.text(), truth

    def _header(self, w: _Writer, width: int) -> None:
        rng, sd = self.rng, self.subdistrict
        y, m, d = self.date
        py, pm, pd = self.printed
        w.add(" " + self.number)
        self.printed_in_header = rng.random() >= 0.6
        if not self.printed_in_header:
            w.add("机关各办（部门）、各直属单位、各居民区：")
            w.extend(_wrap(f"现将《{self.title}》印发给你们，请认真贯彻执行。", width))
            w.add(f"中共{sd}工作委员会 {sd}办事处")
            w.add(f"{y}年 {m}月 {d}日")
        else:
            w.extend(_wrap(f"关于印发《{self.title}》的通知", 14))
            w.add("各部门、各单位、各居民区：")
            w.extend(_wrap(f"结合{sd}实际，经街道党工委、办事处同意，现将《{self.title}》印发给你们，请认真贯彻执行。", width))
            w.add("中国共产党上海市浦东新区 上海市浦东新区人民政府")
            w.add(f"{sd}工作委员会 {sd}办事处")
            w.add(f"{y}年 {m}月 {d}日")
            w.add(f"{sd}党政办公室 {py}年 {pm}月 {pd}日印发")
            w.add("（共印 100份）")
        w.add(" " + self.title)
        w.extend(_wrap(
            f"为贯彻落实区委、区政府关于街道整体提升打造精品城区的部署要求，践行“人民城市人民建，人民城市为人民”"
            f"重要理念，结合{self.short}辖区资源特性、发展规划、人口结构和人文风貌，制定本方案。", width))

    def _body(self, w: _Writer, width: int) -> list[TaskTruth]:
        rng = self.rng
        sections = ["指导思想", "主要目标", "具体行动安排", "组织保障"]
        if rng.random() < 0.3:
            sections.insert(1, "基本原则")
        tasks: list[TaskTruth] = []
        for k, title in enumerate(sections):
            w.add(f"{_cn(k + 1)}、{title}")
            if title == "指导思想":
                w.extend(_wrap(_BODY_PROSE, width))
            elif title == "基本原则":
                w.extend(_wrap("一是坚持人民理念，精准科学实施。以居民的获得感、满足感为最高衡量标准，切实排摸短板。"
                               "二是健全体制机制，统筹高效推进。完善组织架构，强化实施能力，提升管理水平。", width))
            elif title == "主要目标":
                main = rng.choice(_MAIN_GOALS).format(s=self.short)
                w.extend(_wrap(f"{self.short}区域要按照城区功能定位，聚焦“{main}”总目标，着力在规划、建设、治理、"
                               "服务上下功夫，加快建设具有引领力、吸引力、凝聚力的现代化精品城区。", width))
                if rng.random() < 0.6:
                    sep = rng.choice(("、", "."))
                    for i, part in enumerate(rng.sample(_GOAL_PARTS, rng.randint(2, 5)), 1):
                        w.extend(_wrap(f"{i}{sep}{part}。{self._clauses_of_length(14, 50)}。", width))
            elif title == "具体行动安排":
                tasks = self._actions(w, width)
            else:
                for paragraph in _SAFEGUARDS[: rng.randint(2, 4)]:
                    w.extend(_wrap(paragraph, width))
        return tasks

    def _actions(self, w: _Writer, width: int) -> list[TaskTruth]:
        """The action groups and numbered actions; without a task table they are the tasks."""
        rng = self.rng
        w.extend(_wrap("围绕“补短板、提质量、创特色”的总体目标，坚持以问题为导向，以项目为牵引，开展打造精品城区行动。"
                       "具体安排如下：", width))
        sep = rng.choice(("、", "."))
        tasks: list[TaskTruth] = []
        number = 0
        for g, (group, projects) in enumerate(self.groups):
            w.add(f"（{_cn(g + 1)}）{group}")
            for project, _count in projects:
                number += 1
                prose, named = self.task_text(sentences=rng.choice((1, 2)))
                self.streets += named
                text = f"{project}。{prose}"
                lines = _wrap(f"{number}{sep}{text}", width)
                w.extend(lines)
                if not self.has_table:
                    joined = "".join(line.strip() for line in lines)
                    tasks.append(TaskTruth(number, joined[len(str(number)) + 1:], (), None, (), (), group))
        return tasks

    def _attachments(self, w: _Writer) -> None:
        sep = self.rng.choice((".", "、"))
        sd = self.subdistrict
        w.add(f"附件：1{sep}{sd}打造精品城区领导小组名单")
        w.add(f"2{sep}{sd}打造精品城区任务表" if self.has_table else f"2{sep}项目计划表")
        if not self.printed_in_header:
            py, pm, pd = self.printed
            w.add(f"{sd}党政办公室 {py}年 {pm}月 {pd}日印发")

    def _leading_group(self, w: _Writer, width: int) -> None:
        rng, sd = self.rng, self.subdistrict
        w.add(" 附件 1")
        w.add(f"{sd}打造精品城区领导小组名单")
        if rng.random() < 0.4:
            w.extend(_wrap(f"根据区委、区政府工作要求，结合街道实际，成立{sd}打造精品城区领导小组，具体成员名单如下：", width))
        labels = {"组长": "组 长：", "常务副组长": "常务副组长: ", "副组长": "副 组 长：", "成员": "成 员："}
        cap = rng.randint(14, 16)
        if self.comma_wrapped:  # the column ends right after that member's first title and its 、
            cap = len(next(o[2][0][0] for o in self.officials if o[0] == self.comma_wrapped)) + 1
        last_role = None
        for name, role, titles in self.officials:
            shown = f"{name[0]} {name[1]}" if len(name) == 2 else name
            text = "、".join(t for t, _u, _d in titles)
            lines = [text]
            if name == self.comma_wrapped:
                lines = [text[:cap], text[cap:]]
            elif len(text) > cap:
                lines = self._wrap_titles(text, cap)
            head = labels[role] if role != last_role else ""
            last_role = role
            if head and rng.random() < 0.1:  # the label on a line of its own
                w.add(head.strip())
                head = ""
            w.add(f"{head}{shown} {lines[0]}")
            w.extend(lines[1:])
        if self.collective_member:
            w.add("各居民区党组织负责人")
        if rng.random() < 0.5:
            self._teams(w, width)
        elif rng.random() < 0.5:
            office = self.leads[0]
            w.extend(_wrap(f"领导小组下设办公室，{office}同志兼任办公室主任，负责街道精品城区建设的具体推进。", width))
        w.extend(_wrap("以上成员如有工作变动，由该成员单位、部门接任人员自然替补。", width))

    @staticmethod
    def _wrap_titles(text: str, cap: int) -> list[str]:
        """Wrap a member's titles inside a title, never right after 、 or a title's last character."""
        for end in range(cap, 8, -1):
            if text[end - 1] == "、" or text[end] in _NO_LINE_START:
                continue
            if text[end - 1] in "长任记席人员理事）官师" or len(text) - end < 4:
                continue
            return [text[:end], text[end:]]
        return [text]

    def _teams(self, w: _Writer, width: int) -> None:
        rng = self.rng
        spellings = [k.shorts[0] if k.shorts else k.name for k in self.titled.values()]
        rng.shuffle(spellings)
        chosen = rng.sample(_TEAMS, 2)
        parts = []
        for (team, duty), members in zip(chosen, (spellings[:4], spellings[4:8])):
            lead = rng.choice(self.leads)
            part = f"组建{team}，负责{duty}，由{lead}同志牵头负责"
            if members:
                part += f"，成员由{'、'.join(members)}组成"
            parts.append(part)
        w.extend(_wrap("领导小组下设两个工作专班。" + "；".join(parts) + "。", width))

    # ----------------------------------------------------------------- the task table
    def _table(self, w: _Writer) -> list[TaskTruth]:
        rng = self.rng
        w.add(" 附件 2")
        if rng.random() < 0.3:
            w.add(f"{self.subdistrict}打造精品城区任务表")
        header = "序号 一级指标 二级项目 三级内容 牵头领导 责任部门 配合部门"
        self.paragraphs = [line.strip() for line in w.lines if line.strip()]
        self.table_rows = [tuple(header.split())]
        w.add(header)
        layout = _Layout(
            content=rng.randint(24, 27),
            responsible=rng.choice((5, 5, 5, 4, 6)),
            cooperating=rng.choice((7, 7, 6, 8)),
            padded=rng.random() < 0.4,
            inline=rng.uniform(0.2, 0.6),
        )
        repeat_header_at = rng.randrange(self.n_tasks) if rng.random() < 0.2 else -1
        pending = set(self.hazards & _ROW_HAZARDS)
        tasks: list[TaskTruth] = []
        number = 0
        row = 0
        for group, projects in self.groups:
            new_group = True
            for project, count in projects:
                new_project = True
                lead_of_project = self.project_lead[project]
                resp_of_project = rng.choice(self.units)
                for _ in range(count):
                    if row == repeat_header_at:
                        w.add(header)
                    row += 1
                    numbered = number == 0 or rng.random() > 0.06 or "content_line_starts_with_number" in pending
                    if numbered:
                        number += 1
                    r = self._draw_row(number if numbered else None, lead_of_project, resp_of_project, layout)
                    for hazard in sorted(pending):
                        if self._apply_hazard(hazard, r, layout):
                            pending.discard(hazard)
                            self.placed.add(hazard)
                            break
                    fragments = (_chunks(group, 5) if new_group else []) + (_chunks(project, 4) if new_project else [])
                    w.extend(self._row_lines(r, fragments, layout))
                    self.table_rows.append((
                        "" if r.number is None else str(r.number), group if new_group else "",
                        project if new_project else "", "".join(line.strip() for line in r.content),
                        "、".join(r.leads), r.written_responsible,
                        "".join(r.cooperating_lines) if r.cooperating_lines else "、".join(r.written_cooperating),
                    ))
                    new_group = new_project = False
                    self.streets += r.streets
                    tasks.append(TaskTruth(
                        r.number, "".join(line.strip() for line in r.content), tuple(r.leads), r.responsible,
                        tuple(sorted(set(r.cooperating))), self.accountable(r.responsible), project,
                    ))
        return tasks

    def _draw_row(self, number: int | None, lead_of_project: str, resp_of_project: str, layout: _Layout) -> _Row:
        rng = self.rng
        r = rng.random()
        if r < 0.04:
            leads = []
        elif r < 0.06:
            leads = [self.person()]  # named in the table, not in the group
        elif r < 0.08 and len(self.leads) > 1:
            leads = rng.sample(self.leads, 2)  # two leads in one cell, on one line
        elif r < 0.2:
            leads = [rng.choice(self.leads)]
        else:
            leads = [lead_of_project]
        resp = resp_of_project if rng.random() < 0.6 else rng.choice(self.units)
        others = [u for u in self.units if u != resp]
        coops = rng.sample(others, min(len(others), rng.choice((0, 0, 1, 1, 1, 2, 3))))
        if rng.random() < 0.5:
            coops.append(rng.choice(_COLLECTIVES))
        text, streets = self.task_text(sentences=1 if rng.random() < 0.85 else 2)
        return _Row(
            number=number, leads=leads, responsible=resp, cooperating=coops,
            written_responsible=self.spelling(resp), written_cooperating=[self.spelling(u) for u in coops],
            content=_wrap_content(text, layout.content), streets=streets,
        )

    def _apply_hazard(self, hazard: str, r: _Row, layout: _Layout) -> bool:
        """Put a hazard into this row if it fits; tell whether it did."""
        rng = self.rng
        width = layout.content
        if hazard == "content_line_ends_sentence":
            first = self._clauses_of_length(width - 2, width)
            second, r.streets = self.task_text()
            r.content = [first + "。", *_wrap_content(second, width)]
        elif hazard == "content_line_enumeration":
            tail = _wrap_content(_ENUMERATION + "开展集中整治，" + rng.choice(_CLAUSES).format(s=self.short, n=9) + "。", width)
            r.content, r.streets = tail, []
        elif hazard == "content_line_starts_with_number":
            if r.number is None:
                return False
            head = self._clauses_of_length(width - 10, width - 8) + "，新增公共停车泊位"
            r.content = [head, *_wrap_content(f"{r.number + 1} 个，{rng.choice(_CLAUSES).format(s=self.short, n=9)}。", width)]
            r.streets = []
        elif hazard == "two_leads_wrapped":
            if len(self.leads) < 2:
                return False
            r.leads = rng.sample(self.leads, 2)
            r.wrapped_leads = True
        elif hazard == "cell_break_after_unit_char":
            short = next((s for u in self.units for s in (u, *self._shorts(u)) if len(s) == 3 and u != r.responsible), None)
            if short is None:
                return False
            unit = next(u for u in self.units if short in (u, *self._shorts(u)))
            r.cooperating = [unit, "各机关部门、事业中心"]
            r.written_cooperating = [short, "各机关部门、事业中心"]
            r.cooperating_lines = [f"{short}、各机关部", "门、事业中心"]
        elif hazard == "collective_then_generic":
            units = [u for u in r.cooperating if u not in _COLLECTIVES][:1]
            r.cooperating = [*units, "各居民区", "相关部门"]
            r.written_cooperating = [*(self.spelling(u) for u in units), "各居民区", "相关部门"]
        elif hazard == "abbreviation_not_in_order":
            if not self.market:
                return False
            r.responsible, r.written_responsible = self.market, "市场监管所"
            r.cooperating = [u for u in r.cooperating if u != self.market]
            r.written_cooperating = [self.spelling(u) for u in r.cooperating]
        else:
            return False
        return True

    def _shorts(self, unit: str) -> tuple[str, ...]:
        kind = self.titled.get(unit)
        return kind.shorts if kind else ()

    def _clauses_of_length(self, low: int, high: int) -> str:
        """Clauses joined by ，, no street named, between ``low`` and ``high`` characters long."""
        rng = self.rng
        for _ in range(200):
            text = "，".join(dict.fromkeys(rng.choice(_CLAUSES).format(s=self.short, n=rng.randint(2, 90))
                                         for _ in range(rng.choice((1, 2, 2, 3)))))
            if low <= len(text) <= high:
                return text
        return (text * 3)[:high]

    def _row_lines(self, r: _Row, fragments: list[str], layout: _Layout) -> list[str]:
        """The printed lines of one row, in the order PDF extraction gives them."""
        rng = self.rng
        out: list[str] = []
        content = list(r.content)
        if r.number is not None:
            if fragments and rng.random() < 0.3:
                out.append(f"{r.number} {fragments[0]}")
                fragments = fragments[1:]
            elif not fragments and rng.random() < 0.5:
                out.append(f"{r.number} {content.pop(0)}")
            else:
                out.append(str(r.number))
        out += fragments
        out += content
        lead_lines = []
        if r.wrapped_leads:
            lead_lines = [r.leads[0] + "、", r.leads[1]]
        elif r.leads:
            names = [f"{n[0]} {n[1]}" if (layout.padded and len(n) == 2 and len(r.leads) == 1) else n for n in r.leads]
            lead_lines = ["、".join(names)]
        resp_lines = _wrap_cell(r.written_responsible, layout.responsible)
        coop_lines = r.cooperating_lines or (
            _wrap_cell("、".join(r.written_cooperating), layout.cooperating) if r.written_cooperating else [])
        first = lead_lines[:1]
        rest = lead_lines[1:]
        if len(resp_lines) == 1 and not rest:
            first.append(resp_lines[0])
            if len(coop_lines) == 1:
                first.append(coop_lines[0])
            else:
                rest += coop_lines
        else:
            rest += resp_lines + coop_lines
        if first:
            if rng.random() < layout.inline:
                out[-1] = f"{out[-1]} {' '.join(first)}"
            else:
                out.append(" ".join(first))
        out += rest
        return out


_ROW_HAZARDS = frozenset({
    "content_line_ends_sentence", "content_line_enumeration", "content_line_starts_with_number",
    "two_leads_wrapped", "cell_break_after_unit_char", "collective_then_generic", "abbreviation_not_in_order",
})


@dataclass
class _Layout:
    """The widths of a task table's columns and how its rows are printed."""

    content: int
    responsible: int
    cooperating: int
    padded: bool  # leads written 蔡 斌
    inline: float  # how often the assignment stands on the content's last line


@dataclass
class _Row:
    """One row of the task table: canonical facts and how they are written."""

    number: int | None
    leads: list[str]
    responsible: str
    cooperating: list[str]
    written_responsible: str
    written_cooperating: list[str]
    content: list[str]
    streets: list[str]
    wrapped_leads: bool = False
    cooperating_lines: list[str] | None = None


# --------------------------------------------------------------------------- public API


def generate_plan(
    seed: int,
    *,
    tasks: int | None = None,
    table: bool | None = None,
    hard: bool | Collection[str] = False,
) -> SyntheticPlan:
    """Generate one synthetic plan and the facts it holds.

    Parameters
    ----------
    seed : int
        Everything is drawn from ``random.Random(seed)``: the same seed gives the same plan.
        The 街道 comes from the seed by :func:`subdistrict_name`.
    tasks : int, optional
        How many tasks (rows of the task table, or numbered actions without one), 1 to
        :data:`MAX_TASKS`; by default 8 to 26.
    table : bool, optional
        Whether the plan has its task table (附件 2); by default 85 % of plans have one, and
        all with more than :data:`MAX_ACTIONS` tasks. Without it, as in 潍坊, the numbered
        actions are the tasks and nobody is assigned.
    hard : bool or collection of str
        Layouts the reader is known to misread (:data:`HAZARDS`): ``True`` for all of them,
        or the names of some. By default none. Each goes into the plan once (a table layout
        into one row, so a plan of few rows may hold fewer); a table layout makes the plan
        have a table unless ``table=False``.

    Returns
    -------
    SyntheticPlan
        ``hazards`` names the layouts the text holds.

    Raises
    ------
    ValueError
        For an unknown hazard name, or a number of tasks out of range.

    Examples
    --------
    >>> plan = generate_plan(3, tasks=5)
    >>> len(plan.truth.tasks), plan.text == generate_plan(3, tasks=5).text
    (5, True)
    >>> plan.subdistrict in plan.text and plan.file_name.endswith(".txt")
    True
    """
    if hard is True:
        hazards = frozenset(HAZARDS)
    elif not hard:
        hazards = frozenset()
    else:
        hazards = frozenset(hard)
        unknown = hazards - set(HAZARDS)
        if unknown:
            raise ValueError(f"unknown hazards: {', '.join(sorted(unknown))}")
    if table is None and hazards - {"title_wrap_at_comma"}:
        table = True  # the other hazards are layouts of the task table
    plan = _Plan(seed, tasks, table, hazards)
    text, truth = plan.write()
    return SyntheticPlan(
        text=text,
        subdistrict=plan.subdistrict,
        file_name=f"{plan.title}.txt",
        seed=seed,
        truth=truth,
        hazards=tuple(sorted(plan.placed)),
        paragraphs=tuple(plan.paragraphs),
        table_rows=tuple(plan.table_rows),
    )


def write_corpus(
    folder: str | Path,
    n: int,
    seed: int = 0,
    *,
    tasks: int | None = None,
    hard: bool | Collection[str] = False,
) -> list[Path]:
    """Write ``n`` plans (UTF-8 .txt) into ``folder`` and their truth, a line each, to ``truth.jsonl``.

    Plan ``i`` is ``generate_plan(seed * SUBDISTRICT_CAPACITY + i)``: every plan of the corpus
    has its own 街道, and corpora of different seeds share no plan. Each line of
    ``truth.jsonl`` is the plan's :meth:`PlanTruth.as_dict` with its ``file``, ``seed`` and
    ``hazards``. Other files already in the folder are left alone.

    Parameters
    ----------
    folder : str or Path
        Created if missing.
    n : int
        How many plans, at most :data:`SUBDISTRICT_CAPACITY`.
    seed : int
        The corpus's seed.
    tasks, hard
        Passed to :func:`generate_plan`.

    Returns
    -------
    list of Path
        The plan files, in order.

    Raises
    ------
    ValueError
        If ``n`` is negative or larger than the number of distinct 街道 names.
    """
    if not 0 <= n <= SUBDISTRICT_CAPACITY:
        raise ValueError(f"n must be between 0 and {SUBDISTRICT_CAPACITY}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    with open(folder / "truth.jsonl", "w", encoding="utf-8") as out:
        for i in range(n):
            plan = generate_plan(seed * SUBDISTRICT_CAPACITY + i, tasks=tasks, hard=hard)
            path = folder / plan.file_name
            path.write_text(plan.text, encoding="utf-8")
            paths.append(path)
            record = {"file": plan.file_name, "seed": plan.seed, "hazards": list(plan.hazards), **plan.truth.as_dict()}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python bench/synthetic.py OUTDIR -n 100 --seed 1``."""
    parser = argparse.ArgumentParser(description="Write a corpus of synthetic 街道 action plans and truth.jsonl.")
    parser.add_argument("outdir", type=Path, help="folder to write the plans into")
    parser.add_argument("-n", type=int, default=100, help="how many plans (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="the corpus's seed (default 0)")
    parser.add_argument("--tasks", type=int, default=None, help="tasks per plan (default 8 to 26, drawn per plan)")
    parser.add_argument("--hard", action="store_true", help="put the layouts the reader misreads into every plan")
    args = parser.parse_args(argv)
    try:
        paths = write_corpus(args.outdir, args.n, args.seed, tasks=args.tasks, hard=args.hard)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"wrote {len(paths)} plans and truth.jsonl to {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
