"""The responsibility network and the tasks one node alone joins to the leading group, on tiny graphs."""

from __future__ import annotations

import networkx as nx

from _graphs import tiny
from graphmodel.analysis.network import cut_off_tasks, responsibility_network


def test_network_holds_officials_units_tasks_of_one_subdistrict_and_only_responsibility_edges():
    g = tiny(
        {"甲/Official/张三": {}, "甲/Unit/管理办": {"collective": False}, "甲/Task/1": {"number": 1},
         "甲/Goal/目标": {}, "甲/Plan/p": {}, "乙/Official/李四": {}},
        [("甲/Official/张三", "LEADS", "甲/Task/1"), ("甲/Unit/管理办", "RESPONSIBLE_FOR", "甲/Task/1"),
         ("甲/Task/1", "SERVES", "甲/Goal/目标"), ("甲/Official/张三", "MEMBER_OF", "甲/Plan/p"),
         ("甲/Official/张三", "HEADS", "甲/Unit/管理办")],
    )
    net = responsibility_network(g, "甲")
    assert set(net) == {"甲/Official/张三", "甲/Unit/管理办", "甲/Task/1"}
    assert {frozenset(e) for e in net.edges} == {
        frozenset({"甲/Official/张三", "甲/Task/1"}), frozenset({"甲/Unit/管理办", "甲/Task/1"}),
        frozenset({"甲/Official/张三", "甲/Unit/管理办"}),
    }
    assert not net.is_directed()


def test_collectives_are_left_out_unless_asked_for():
    g = tiny(
        {"甲/Unit/各居民区": {"collective": True}, "甲/Task/1": {}, "甲/Task/2": {}},
        [("甲/Unit/各居民区", "COOPERATES_ON", "甲/Task/1"), ("甲/Unit/各居民区", "COOPERATES_ON", "甲/Task/2")],
    )
    assert set(responsibility_network(g, "甲")) == {"甲/Task/1", "甲/Task/2"}
    assert responsibility_network(g, "甲", collectives=True).number_of_edges() == 2


def test_cut_off_tasks_by_hand():
    # 张三 leads 1 and 2; 管理办 (headed by 李四) is responsible for 2; 3 hangs on 城建中心, which 王五 heads.
    net = nx.Graph()
    net.add_nodes_from(["张三", "李四", "王五"], label="Official")
    net.add_nodes_from(["管理办", "城建中心"], label="Unit")
    net.add_nodes_from(["1", "2", "3"], label="Task")
    net.add_edges_from([("张三", "1"), ("张三", "2"), ("管理办", "2"), ("李四", "管理办"),
                        ("城建中心", "3"), ("王五", "城建中心")])
    assert cut_off_tasks(net, "张三") == ["1"]  # 2 still reaches 李四 through 管理办
    assert cut_off_tasks(net, "管理办") == []  # 2 still has 张三
    assert cut_off_tasks(net, "李四") == []
    assert cut_off_tasks(net, "城建中心") == ["3"]
    assert cut_off_tasks(net, "王五") == ["3"]  # the only official of its part
    assert cut_off_tasks(net, "不在网中") == []
