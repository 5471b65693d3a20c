"""Names → nodes: exact, alias, 街道/名称, task number, substring; unknown and ambiguous names."""

from __future__ import annotations

import networkx as nx
import pytest

from _plans import JINYANG, WEIFANG
from graphmodel import build_graph
from graphmodel.analysis.lookup import lookup, qualified_name
from graphmodel.errors import AmbiguousNameError, UnknownNameError
from loaders import read_plan


def tiny() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    add = lambda n, **a: g.add_node(n, subdistrict=n.split("/")[0], label=n.split("/")[1], **a)  # noqa: E731
    add("甲街道/Unit/社区管理办", name="社区管理办", aliases=["管理办"])
    add("甲街道/Unit/管理中心", name="管理中心", aliases=[])
    add("乙街道/Unit/管理办", name="管理办", aliases=[])
    add("乙街道/Unit/营商办", name="营商办", aliases=[])
    add("甲街道/Unit/社区营商环境办", name="社区营商环境办", aliases=["营商环境办"])
    add("甲街道/Official/张三", name="张三")
    add("甲街道/Task/7", name="推动美丽街区建设", number=7, text="推动美丽街区建设，打造特色街巷。")
    add("乙街道/Task/7", name="改善街区景观", number=7, text="改善街区景观环境。")
    add("乙街道/Task/9", name="加强公共服务阵地建设", number=9, text="加强公共服务阵地建设。完善养老服务体系。")
    add("甲街道/Street/张杨路", name="张杨路")
    return g


def test_exact_name_alias_and_node_id():
    g = tiny()
    assert lookup(g, "张三") == "甲街道/Official/张三"
    assert lookup(g, "营商环境办") == "甲街道/Unit/社区营商环境办"  # alias, only in 甲
    assert lookup(g, "乙街道/Unit/管理办") == "乙街道/Unit/管理办"
    assert lookup(g, " 张 三 ") == "甲街道/Official/张三"  # spaces ignored


def test_same_name_in_two_subdistricts_as_name_or_alias_is_ambiguous():
    with pytest.raises(AmbiguousNameError) as err:
        lookup(tiny(), "管理办")
    assert err.value.suggestions == ["甲街道/社区管理办", "乙街道/管理办"]


def test_qualified_form_looks_in_one_subdistrict_by_full_or_partial_name():
    g = tiny()
    assert lookup(g, "甲街道/管理办") == "甲街道/Unit/社区管理办"
    assert lookup(g, "乙/管理办") == "乙街道/Unit/管理办"
    assert lookup(g, "甲/7") == "甲街道/Task/7"
    with pytest.raises(UnknownNameError):
        lookup(g, "甲街道/营商办")  # 营商办 is 乙's


def test_task_number_when_unique_else_ambiguous():
    g = tiny()
    assert lookup(g, "9") == "乙街道/Task/9"
    with pytest.raises(AmbiguousNameError) as err:
        lookup(g, "7")
    assert err.value.suggestions == ["甲街道/7", "乙街道/7"]


def test_unique_substring_of_a_name_then_of_a_task_text():
    g = tiny()
    assert lookup(g, "张杨") == "甲街道/Street/张杨路"
    assert lookup(g, "养老服务") == "乙街道/Task/9"  # only in the task's text
    with pytest.raises(AmbiguousNameError):
        lookup(g, "管理")  # 社区管理办, 管理中心, 管理办


def test_labels_narrow_what_a_name_may_be():
    g = tiny()
    with pytest.raises(UnknownNameError):
        lookup(g, "张杨路", labels=("Official", "Unit"))
    assert lookup(g, "张", labels=("Official",)) == "甲街道/Official/张三"


def test_unknown_name_suggests_close_names_and_is_not_ambiguous():
    with pytest.raises(UnknownNameError) as err:
        lookup(tiny(), "社区管理处")
    assert not isinstance(err.value, AmbiguousNameError)
    assert "社区管理办" in err.value.suggestions
    assert "社区管理处" in str(err.value)


def test_qualified_name_finds_the_node_back():
    g = tiny()
    for node in g:
        assert lookup(g, qualified_name(g, node)) == node


def test_bundled_plans():
    g = build_graph([read_plan(WEIFANG), read_plan(JINYANG)])
    with pytest.raises(AmbiguousNameError) as err:
        lookup(g, "管理办")  # 潍坊's 管理办 and 金杨's 社区管理办 (written 管理办 in its task table)
    assert err.value.suggestions == ["潍坊新村街道/管理办", "金杨新村街道/社区管理办"]
    assert lookup(g, "金杨新村街道/管理办") == "金杨新村街道/Unit/社区管理办"
    assert lookup(g, "营商环境办") == "金杨新村街道/Unit/社区营商环境办"
    assert lookup(g, "蔡斌") == "金杨新村街道/Official/蔡斌"
    assert lookup(g, "金杨新村街道/12") == "金杨新村街道/Task/12"
    jinyang = build_graph([read_plan(JINYANG)])
    assert lookup(jinyang, "管理办") == "金杨新村街道/Unit/社区管理办"


def test_every_bundled_node_is_found_by_its_qualified_name():
    g = build_graph([read_plan(WEIFANG), read_plan(JINYANG)])
    nodes = [n for n, d in g.nodes(data=True) if d["label"] in ("Official", "Unit", "Task", "Goal", "Street")]
    assert len(nodes) > 200
    assert [n for n in nodes if lookup(g, qualified_name(g, n)) != n] == []


def test_names_with_ascii_brackets_slashes_and_spaces_are_found_as_typed():
    """A goal written 提升(3)效能 or 交通/环境 提升 is found by that name, full-width brackets and spaces or not."""
    g = nx.MultiDiGraph()
    g.add_node("澄湾区/Goal/提升(3)效能", label="Goal", name="提升(3)效能", subdistrict="澄湾区")
    g.add_node("澄湾区/Goal/交通/环境 提升", label="Goal", name="交通/环境 提升", subdistrict="澄湾区")
    for typed in ("提升(3)效能", "提升（3）效能", "提升 (3) 效能", "澄湾区/提升(3)效能"):
        assert lookup(g, typed) == "澄湾区/Goal/提升(3)效能", typed
    for typed in ("交通/环境 提升", "交通/环境提升", "澄湾区/交通/环境 提升"):
        assert lookup(g, typed) == "澄湾区/Goal/交通/环境 提升", typed
    with pytest.raises(UnknownNameError) as err:
        lookup(g, "提升(4)效能")
    assert err.value.suggestions[0] == "提升(3)效能"  # suggested as the document wrote it
