"""The bundled plans, fact by fact: officials, tasks and their assignments, units, goals, streets, evidence."""

from __future__ import annotations

import pytest

from _plans import JINYANG, WEIFANG, graph_of, nodes, sources, tasks_by_number, targets

# ---------------------------------------------------------------- 金杨新村街道: the leading group (附件1)
JINYANG_OFFICIALS = {
    "殷珏娟": ("组长", ["党工委书记", "人大工委主任"]),
    "张士伟": ("组长", ["党工委副书记", "办事处主任"]),
    "蔡斌": ("常务副组长", ["办事处副主任"]),
    "陆炜锋": ("副组长", ["党工委副书记"]),
    "周悦静": ("副组长", ["党工委副书记"]),
    "黄黎霞": ("副组长", ["党工委委员", "办事处副主任"]),
    "包善斌": ("副组长", ["党工委委员", "办事处副主任"]),
    "陈晓莉": ("副组长", ["党工委委员", "办事处副主任"]),
    "金军": ("副组长", ["党工委委员", "纪工委书记"]),
    "崔中卫": ("副组长", ["党工委委员", "武装部长"]),
    "李杰": ("副组长", ["党工委委员（兼职）", "金杨新村派出所所长"]),
    "魏澜": ("副组长", ["党工委委员（兼职）", "建平实验中学党总支书记", "校长"]),
    "金明": ("副组长", ["党工委委员（兼职）", "罗山新村派出所所长"]),
    "蔡晨赟": ("副组长", ["人大工委副主任"]),
    "黄代林": ("成员", ["党政办主任"]),
    "胡运": ("成员", ["社区党建办主任"]),
    "吴望晗": ("成员", ["社区管理办主任"]),
    "延海荣": ("成员", ["社区服务办主任"]),
    "周军杰": ("成员", ["社区平安办（信访办）负责人"]),
    "王娟": ("成员", ["社区自治办主任"]),
    "张晓春": ("成员", ["社区宣统文化办主任"]),
    "王海青": ("成员", ["社区营商环境办负责人"]),
    "赵娜": ("成员", ["人大办主任"]),
    "高琼艳": ("成员", ["纪工委副书记", "监察办副主任"]),
    "孙兴隆": ("成员", ["社区总工会专职副主席"]),
    "张淑娟": ("成员", ["团工委书记", "党政办副主任"]),
    "王霞": ("成员", ["妇女联合会主席"]),
    "曹士军": ("成员", ["综合行政执法队队长"]),
    "罗冉芳": ("成员", ["社区党群服务中心主任"]),
    "廖尔琼": ("成员", ["社区事务受理服务中心主任"]),
    "史迪蒙": ("成员", ["城市运行管理中心常务副主任"]),
    "陆雷鸣": ("成员", ["城市建设管理事务中心主任"]),
    "李宪财": ("成员", ["金杨市场监督管理所所长"]),
}

# 附件2: number → (lead, responsible unit (canonical), cooperating units (canonical), accountable officials)
_GY = "各居民区"
JINYANG_TASKS = {
    1: ("陆炜锋", "社区党建办", {"社区党群服务中心", _GY}, {"胡运"}),
    2: ("黄黎霞", "社区事务受理服务中心", {_GY}, {"廖尔琼"}),
    3: ("黄黎霞", "社区服务办", {"党政办", _GY}, {"延海荣"}),
    4: ("陆炜锋", "团工委", set(), {"张淑娟"}),
    5: ("陈晓莉", "社区宣统文化办", {"党政办", "社区文化中心"}, {"张晓春"}),
    6: ("陈晓莉", "社区营商环境办", {"各机关部门、事业中心"}, {"王海青"}),
    None: ("蔡斌", "社区管理办", {"社区营商环境办"}, {"吴望晗"}),  # 吸纳社会共同参与: the row without a number
    7: ("蔡斌", "社区管理办", {"党政办"}, {"吴望晗"}),
    8: ("蔡斌", "林长办", {_GY}, set()),
    9: ("蔡斌", "社区管理办", {"城市建设管理事务中心", _GY}, {"吴望晗"}),
    10: ("蔡斌", "社区管理办", {_GY}, {"吴望晗"}),
    11: ("蔡斌", "社区管理办", {_GY}, {"吴望晗"}),
    12: ("蔡斌", "社区管理办", {"综合行政执法队"}, {"吴望晗"}),
    13: ("蔡斌", "社区管理办", set(), {"吴望晗"}),
    14: ("蔡斌", "社区管理办", {"社区营商环境办"}, {"吴望晗"}),
    15: ("蔡斌", "城市运行管理中心", {_GY}, {"史迪蒙"}),  # only a 常务副主任 heads it: the deputy answers
    16: ("周悦静", "社区平安办（信访办）", {_GY}, {"周军杰"}),
    17: ("周悦静", "党政办", {_GY}, {"黄代林"}),  # 黄代林 主任; 张淑娟 is only 副主任
    18: ("陆炜锋", "社区党建办", {"社区党群服务中心", _GY}, {"胡运"}),
    19: ("蔡晨赟", "人大办", {_GY}, {"赵娜"}),
    20: ("包善斌", "社区自治办", {_GY}, {"王娟"}),
    21: ("陆炜锋", "社区党建办", {"社区总工会", "团工委", "妇女联合会"}, {"胡运"}),
    22: ("陈晓莉", "社区宣统文化办", {_GY}, {"张晓春"}),
}

JINYANG_TASK_GOALS = {  # task → 二级项目 → 一级指标
    1: ("提升社会公共服务能力", "提升服务能级"),
    5: ("提升社会公共服务能力", "提升服务能级"),
    6: ("创建“一刻钟便民生活圈”示范社区", "提升服务能级"),
    None: ("吸纳社会共同参与", "提升服务能级"),
    7: ("提升街区景观环境", "焕新社区面貌"),
    8: ("提升街区景观环境", "焕新社区面貌"),
    11: ("提高小区环境品质", "焕新社区面貌"),
    14: ("改善市容薄弱区域环境", "焕新社区面貌"),
    15: ("升级数字应用", "完善应急体系"),
    16: ("健全消防设施", "完善应急体系"),
    17: ("推进应急建设", "完善应急体系"),
    18: ("强化党建引领", "激发参与合力"),
    21: ("深化自治共治", "激发参与合力"),
    22: ("广泛宣传报道", "激发参与合力"),
}


@pytest.fixture(scope="module")
def jy():
    return graph_of(JINYANG)


@pytest.fixture(scope="module")
def wf():
    return graph_of(WEIFANG)


def test_jinyang_plan_header(jy):
    (plan,) = nodes(jy, "Plan").values()
    assert plan["name"] == "金杨新村街道打造精品城区行动方案"
    assert plan["number"] == "浦金委〔2023〕67号"
    assert plan["date"] == "2023-08-28"
    assert plan["printed"] == "2023-09-01"
    assert plan["issuers"] == ["中共金杨新村街道工作委员会", "金杨新村街道办事处"]
    assert [a["present"] for a in plan["attachments"]] == [True, True]
    assert list(nodes(jy, "Issuer")) == ["金杨新村街道"]


@pytest.mark.parametrize("name", sorted(JINYANG_OFFICIALS))
def test_jinyang_official(jy, name):
    official = nodes(jy, "Official")[name]
    role, titles = JINYANG_OFFICIALS[name]
    assert (official["role"], official["titles"]) == (role, titles)
    assert {d["role"] for _, _, k, d in jy.out_edges(official["id"], keys=True, data=True) if k == "MEMBER_OF" and "role" in d} == {role}


def test_jinyang_has_exactly_the_leading_group(jy):
    assert set(nodes(jy, "Official")) == set(JINYANG_OFFICIALS)


@pytest.mark.parametrize("number", list(JINYANG_TASKS), ids=str)
def test_jinyang_task_assignment(jy, number):
    lead, responsible, cooperating, accountable = JINYANG_TASKS[number]
    task = tasks_by_number(jy)[number]
    assert sources(jy, task, "LEADS") == {lead}
    assert sources(jy, task, "RESPONSIBLE_FOR") == {responsible}
    assert sources(jy, task, "COOPERATES_ON") == cooperating
    assert sources(jy, task, "ACCOUNTABLE_FOR") == accountable


def test_jinyang_has_23_task_rows(jy):
    assert sorted(tasks_by_number(jy), key=lambda n: -1 if n is None else n) == [None, *range(1, 23)]


def test_jinyang_task_texts(jy):
    texts = {d["number"]: d["text"] for _, d in jy.nodes(data=True) if d["label"] == "Task"}
    assert texts[4] == "紧扣“人才”和“创新”，推动青年发展型城区建设。"
    assert texts[13] == "推进新增市政道路地名专项规划，推动内部道路纳管正名。"
    assert texts[None].startswith("加强与正在开发地块的主体对接") and texts[None].endswith("打造具有金杨特色的宜居社区。")
    assert texts[15] == "打造标准化城市运行综合指挥中心，升级居民区视频会商系统，提升“一网统管”硬件基础，加快城市运行数字转型升级。"
    assert all("\n" not in t for t in texts.values())


@pytest.mark.parametrize("number", list(JINYANG_TASK_GOALS), ids=str)
def test_jinyang_task_goal_hierarchy(jy, number):
    project, indicator = JINYANG_TASK_GOALS[number]
    task = tasks_by_number(jy)[number]
    assert targets(jy, task, "SERVES") == {project}
    goal = nodes(jy, "Goal")[project]
    assert targets(jy, goal["id"], "PART_OF") == {indicator}


def test_jinyang_main_goal_and_parts(jy):
    goals = nodes(jy, "Goal")
    main = goals["1环4圈3纵3横+X"]
    assert main["level"] == "main"
    assert sources(jy, main["id"], "PART_OF") == {"1个公共服务环", "4个生活圈", "3个纵向轴", "3个横向道", "X"}
    assert sources(jy, goals["4个生活圈"]["id"], "PART_OF") == {"香山红色双樾圈", "罗山科普生态圈", "黄山文化休闲圈", "金杨烟火生活圈"}
    assert sources(jy, goals["3个纵向轴"]["id"], "PART_OF") == {"居家桥路生态绿色轴", "云山路休闲漫步轴", "枣庄路家校文化轴"}
    actions = {n for n, g in goals.items() if g["level"] == "action"}
    assert actions == {"提升服务能级", "焕新社区面貌", "完善应急体系", "激发参与合力"}


def test_jinyang_units_are_resolved(jy):
    units = nodes(jy, "Unit")
    expect_aliases = {
        "社区管理办": {"管理办"},
        "团工委": {"团委"},
        "妇女联合会": {"妇联"},
        "社区总工会": {"工会"},
        "社区事务受理服务中心": {"社区事务受理中心"},
        "社区宣统文化办": {"宣统办", "宣统文化办"},
        "社区平安办（信访办）": {"平安办", "平安办（信访办）"},
        "社区营商环境办": {"营商办", "营商环境办"},
        "党政办": {"党政办（项目办）"},
    }
    for name, aliases in expect_aliases.items():
        assert set(units[name]["aliases"]) == aliases, name
    assert {n for n, u in units.items() if u["collective"]} == {"各居民区", "各机关部门、事业中心"}
    assert not sources(jy, units["林长办"]["id"], "HEADS")  # named by no title: a node with no head
    assert sources(jy, units["社区管理办"]["id"], "HEADS") == {"吴望晗"}
    for spelling in ("管理办", "团委", "妇联", "工会", "宣统办", "平安办"):
        assert spelling not in units


def test_jinyang_teams(jy):
    units = nodes(jy, "Unit")
    build, enable = units["项目建设专班"], units["赋能提升专班"]
    assert build["kind"] == enable["kind"] == "team"
    assert sources(jy, build["id"], "HEADS") == {"蔡斌"}
    assert sources(jy, enable["id"], "HEADS") == {"陆炜锋"}
    assert sources(jy, build["id"], "MEMBER_OF") == {"党政办", "社区管理办", "社区平安办（信访办）", "社区服务办"}
    assert sources(jy, enable["id"], "MEMBER_OF") == {"社区党建办", "社区自治办", "社区宣统文化办", "社区营商环境办"}


def test_jinyang_heads_and_deputies(jy):
    units = nodes(jy, "Unit")
    heads = {(jy.nodes[u]["name"], d["deputy"]) for u, _, k, d in jy.in_edges(units["党政办"]["id"], keys=True, data=True) if k == "HEADS"}
    assert heads == {("黄代林", False), ("张淑娟", True)}
    assert {jy.nodes[u]["name"] for u, _, k in jy.in_edges(units["党工委"]["id"], keys=True) if k == "MEMBER_OF"} >= {"黄黎霞", "李杰"}


def test_jinyang_streets(jy):
    assert set(nodes(jy, "Street")) == {"居家桥路", "张杨路", "云山路", "枣庄路", "浦东大道", "金杨路"}
    task6 = tasks_by_number(jy)[6]
    assert targets(jy, task6, "CONCERNS") == {"居家桥路", "张杨路"}


# ---------------------------------------------------------------- 潍坊新村街道: no task table
WEIFANG_ACTIONS = {
    1: ("深化楼宇党建", "党建引领行动"), 2: ("完善街区党建", "党建引领行动"), 3: ("创新行业党建", "党建引领行动"),
    4: ("探索商圈党建", "党建引领行动"), 5: ("做强居民区党建", "党建引领行动"),
    6: ("提高小区环境品质", "形态改善行动"), 7: ("改善街区景观环境", "形态改善行动"), 8: ("推进道路设施提升", "形态改善行动"),
    9: ("加强公共服务阵地建设", "功能提升行动"), 10: ("持续优化营商服务", "功能提升行动"),
    11: ("强化“一网统管”建设", "治理增能行动"), 12: ("数字赋能社区治理", "治理增能行动"),
    13: ("加快人防技防建设", "平安底线行动"), 14: ("加强风险隐患排查", "平安底线行动"),
    15: ("优化文化供给", "文化润心行动"), 16: ("凝聚人心共识", "文化润心行动"),
}


def test_weifang_actions_are_tasks_without_assignment(wf):
    tasks = tasks_by_number(wf)
    assert sorted(tasks) == list(range(1, 17))
    for number, (title, group) in WEIFANG_ACTIONS.items():
        task = tasks[number]
        assert wf.nodes[task]["text"].startswith(title + "。"), number
        assert targets(wf, task, "SERVES") == {group}
        for type_ in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON", "ACCOUNTABLE_FOR"):
            assert not sources(wf, task, type_), (number, type_)
    assert not any(k in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON") for _, _, k in wf.edges(keys=True))


def test_weifang_leading_group(wf):
    officials = nodes(wf, "Official")
    assert len(officials) == 42
    roles = {}
    for name, o in officials.items():
        roles.setdefault(o["role"], set()).add(name)
    assert roles["组长"] == {"虞刚杰", "杨福成"}
    assert roles["常务副组长"] == {"昂勇"}
    assert len(roles["副组长"]) == 14 and {"唐剑", "王筱菁", "邹文", "王玉强"} <= roles["副组长"]
    assert len(roles["成员"]) == 25 and {"金佩芳", "郑树斌", "王毅"} <= roles["成员"]
    assert officials["顾海兵"]["titles"] == ["党工委委员", "武装部部长"]
    units = nodes(wf, "Unit")
    assert units["各居民区党组织"]["collective"]
    office = units["领导小组办公室"]
    assert office["kind"] == "office"
    heads = {(wf.nodes[u]["name"], d["deputy"]) for u, _, k, d in wf.in_edges(office["id"], keys=True, data=True) if k == "HEADS"}
    assert heads == {("昂勇", False), ("金佩芳", True), ("侯宇鸥", True)}
    assert units["平安办"]["id"] != units["信访办"]["id"]  # two offices in 潍坊, each with its head


def test_weifang_plan_and_missing_attachment(wf):
    (plan,) = nodes(wf, "Plan").values()
    assert plan["name"] == "潍坊新村街道整体提升打造精品城区专项行动计划（2022-2025）"
    assert plan["number"] == "浦潍委〔2023〕5号"
    assert plan["date"] == "2023-01-29"
    assert plan["issuers"] == ["中国共产党上海市浦东新区潍坊新村街道工作委员会", "上海市浦东新区人民政府潍坊新村街道办事处"]
    assert [(a["number"], a["title"], a["present"]) for a in plan["attachments"]] == [
        (1, "潍坊新村街道打造精品城区领导小组名单", True), (2, "项目计划表", False)]
    [missing] = wf.graph["warnings"]
    assert (missing.kind, missing.file, missing.line, missing.values) == (
        "missing-attachment", "data/潍坊新村街道整体提升打造精品城区专项行动计划.txt", 367, {"number": 2, "title": "项目计划表"})


def test_weifang_goals_and_streets(wf):
    goals = nodes(wf, "Goal")
    main = goals["至简至美大道潍坊"]
    assert sources(wf, main["id"], "PART_OF") == {"精致规划", "精心建设", "精细治理", "精准服务", "精彩生活", "精英队伍"}
    assert set(nodes(wf, "Street")) == {"崂山路", "福山路", "浦城路", "张家浜", "福康路"}
    assert targets(wf, tasks_by_number(wf)[2], "CONCERNS") == {"崂山路", "福山路", "浦城路"}
    assert targets(wf, tasks_by_number(wf)[7], "CONCERNS") == {"张家浜"}


# ---------------------------------------------------------------- evidence
def _line(path, no):
    return path.read_text(encoding="utf-8").split("\n")[no - 1]


@pytest.mark.parametrize("path", [JINYANG, WEIFANG], ids=["jinyang", "weifang"])
def test_every_fact_has_evidence_that_points_at_its_text(path):
    g = graph_of(path)
    for n, d in g.nodes(data=True):
        assert d["evidence"]["file"].endswith(path.name) and d["evidence"]["line"] >= 1, n
        if d["label"] in ("Official",):
            assert _line(path, d["evidence"]["line"]).replace(" ", "").find(d["name"]) >= 0, n
    for u, v, k, d in g.edges(keys=True, data=True):
        assert d["evidence"]["line"] >= 1, (u, v, k)
        if k == "LEADS":
            assert g.nodes[u]["name"] in _line(path, d["evidence"]["line"]).replace(" ", ""), (u, v)


def test_same_name_in_two_subdistricts_is_two_nodes(jy, wf):
    assert nodes(jy, "Unit")["党政办"]["id"] != nodes(wf, "Unit")["党政办"]["id"]
    assert nodes(jy, "Unit")["党政办"]["subdistrict"] == "金杨新村街道"
