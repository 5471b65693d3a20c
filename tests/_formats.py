"""Shared by the format tests: bench/render.py loaded from its file, and a small plan in the genre as blocks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


render = _load("bench_render", ROOT / "bench" / "render.py")
synthetic = _load("bench_synthetic", ROOT / "bench" / "synthetic.py")
synthetic_layouts = _load("bench_synthetic_layouts", ROOT / "bench" / "synthetic_layouts.py")
synthetic_tables = _load("bench_synthetic_tables", ROOT / "bench" / "synthetic_tables.py")
synthetic_lists = _load("bench_synthetic_lists", ROOT / "bench" / "synthetic_lists.py")
P, T = render.Paragraph, render.Table


def plan_blocks(rows: int = 6, *, merge: bool = True) -> list:
    """An invented plan of 青松路街道 (names and bodies made up for the tests) with a task table of ``rows`` rows.

    The first two rows share their 一级指标 and 二级项目 (blank in the second row: merged when ``merge``).
    """
    table = [render.TASK_COLUMNS]
    table.append(("1", "美丽街区", "道路整治", "推进柳杏路沿街立面整治，完成 12 处店招店牌改造。", "邹宇轩", "管理办",
                  "执法队、各居民区"))
    table.append(("2", "", "", "开展背街小巷环境整治，消除乱堆物、乱张贴现象。", "邹宇轩、汪晓晨", "服务办", ""))
    for k in range(3, rows + 1):
        table.append((str(k), "平安社区" if k == 3 else "", "消防设施" if k == 3 else "",
                      f"完成第{k}批微型消防站改造，配齐 {k + 4} 套应急器材，组织居民区开展演练。", "韩雅琳",
                      "平安办（信访办）", "各居民区"))
    return [
        P("沪青委〔2024〕15号"),
        P("关于印发《青松路街道美丽家园建设行动方案》的通知"),
        P("各部门、各单位、各居民区："),
        P("现将《青松路街道美丽家园建设行动方案》印发给你们，请认真贯彻执行。"),
        P("中共青松路街道工作委员会 青松路街道办事处"),
        P("2024年 3月 8日"),
        P("青松路街道美丽家园建设行动方案"),
        P("一、主要目标"),
        P("聚焦“美丽家园”总目标，推进街区、小区和平安建设。"),
        P("附件：1.青松路街道美丽家园建设领导小组名单"),
        P("2.青松路街道美丽家园建设任务表"),
        P("附件 1"),
        P("青松路街道美丽家园建设领导小组名单"),
        P("组 长：汪晓晨 党工委书记"),
        P("副 组 长：邹宇轩 办事处副主任"),
        P("韩雅琳 党工委委员、办事处副主任"),
        P("成 员：姚佳怡 社区管理办主任"),
        P("附件 2"),
        T(tuple(table), frozenset({1, 2}) if merge else frozenset()),
    ]


def assignments(model):
    """A resolved model's assignments per task number: (leads, posts, responsible, cooperating), each a sorted tuple; inherited ones marked *."""
    cut = len(model.subdistrict) + 1
    out = {e.number: [[], list(e.lead_posts), [], []] for e in model.entities if e.label == "Task"}
    slot = {"LEADS": 0, "RESPONSIBLE_FOR": 2, "COOPERATES_ON": 3}
    for r in model.relations:
        if r.type in slot:
            name = r.source[cut:].split("/", 1)[1] + ("*" if r.properties.get("inherited") else "")
            out[int(r.target.rsplit("/", 1)[1])][slot[r.type]].append(name)
    return {n: tuple(tuple(sorted(v)) for v in values) for n, values in out.items()}
