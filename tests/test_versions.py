"""Documents of one issuer about one matter with different dates are versions: the latest is the current graph,
``--as-of`` reads an earlier one; two of one matter that cannot be ordered are still an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphmodel import build_graph
from graphmodel.cli import app
from graphmodel.errors import PlanConflictError
from graphmodel.labels import notice
from loaders import read_plans
from loaders.stream import map_plans

runner = CliRunner()
HERE = Path(__file__).parent / "fixtures" / "versions"
T24, T25 = HERE / "district_renewal_2024.txt", HERE / "district_renewal_2025.txt"
G23, G24 = HERE / "town_group_2023.txt", HERE / "town_group_2024.txt"


@pytest.fixture
def folder(tmp_path):
    for f in (T25, G23, T24, G24):  # not in date order
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def _leads(model) -> dict[int, list[str]]:
    names = {e.id: e.name for e in model.entities}
    out: dict[int, list[str]] = {}
    for task in model.of_label("Task"):
        out[task.number] = sorted(names[r.source] for r in model.relations if r.target == task.id and r.type == "LEADS")
    return out


def _roles(model) -> dict[str, str]:
    return {o.name: o.role for o in model.of_label("Official") if o.role}


def test_the_latest_version_is_current(folder):
    models = {m.subdistrict: m for m in read_plans([folder])}
    assert len(models) == 2
    table, group = models["苇塘区"], models["芦汀镇"]
    assert table.file.endswith("district_renewal_2025.txt") and group.file.endswith("town_group_2024.txt")
    assert _leads(table) == {1: ["钱岳川"], 2: ["钱岳川"], 3: ["冯知秋"], 4: ["柯望舒"], 5: ["冯知秋"], 6: ["钱岳川"]}
    assert _roles(group) == {"庞立冬": "组长", "管书言": "常务副组长", "晏秋禾": "副组长", "尚明川": "成员",
                             "贾成蹊": "成员", "莫听澜": "成员"}
    [versions] = [w for w in table.warnings if getattr(w, "kind", None) == "versions"]
    assert [Path(f).name for f in versions.values["files"]] == ["district_renewal_2024.txt", "district_renewal_2025.txt"]
    assert versions.values["dates"] == ["2024-02-20", "2025-02-26"]
    assert "以最新的" in notice(versions) and "the latest" in notice(versions, "en")
    # nothing of the earlier version is in the current graph
    graph = build_graph([table, group])
    files = {Path(d["evidence"]["file"]).name for _, d in graph.nodes(data=True)}
    files |= {Path(d["evidence"]["file"]).name for _, _, d in graph.edges(data=True)}
    assert files == {"district_renewal_2025.txt", "town_group_2024.txt"}


@pytest.mark.parametrize("as_of, table, group", [
    ("2025-12-31", "district_renewal_2025.txt", "town_group_2024.txt"),
    ("2024-12-31", "district_renewal_2024.txt", "town_group_2024.txt"),
    ("2024-07-01", "district_renewal_2024.txt", "town_group_2023.txt"),
    ("2024-02", "district_renewal_2024.txt", "town_group_2023.txt"),
    ("2023-12-31", None, "town_group_2023.txt"),
    ("2023-01-01", None, None),
])
def test_as_of_a_date(folder, as_of, table, group):
    models = {m.subdistrict: m for m in read_plans([folder], as_of=as_of)}
    assert (models["苇塘区"].file.rsplit("/", 1)[-1] if "苇塘区" in models else None) == table
    assert (models["芦汀镇"].file.rsplit("/", 1)[-1] if "芦汀镇" in models else None) == group
    if group == "town_group_2023.txt":
        assert _roles(models["芦汀镇"]) == {"沈向晖": "组长", "庞立冬": "副组长", "管书言": "副组长", "尚明川": "成员",
                                            "汤若溪": "成员", "贾成蹊": "成员"}
    if table == "district_renewal_2024.txt":
        assert _leads(models["苇塘区"])[4] == ["冯知秋"] and _leads(models["苇塘区"])[6] == ["冯知秋"]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_stream_reads_versions_alike(folder, workers):
    def count(as_of):
        return sorted(r for r, _w in map_plans([folder], _tasks, workers=workers, as_of=as_of))
    assert count(None) == [("芦汀镇", 0), ("苇塘区", 6)]
    assert count("2023-12-31") == [("芦汀镇", 0)]
    warnings = [w for _r, ws in map_plans([folder], _tasks, workers=workers) for w in ws]
    assert sum(getattr(w, "kind", None) == "versions" for w in warnings) == 2


def _tasks(graph):
    issuer = next(d["subdistrict"] for _, d in graph.nodes(data=True))
    return issuer, sum(d["label"] == "Task" for _, d in graph.nodes(data=True))


def test_two_of_one_date_are_still_an_error(tmp_path):
    text = T25.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("| 钱岳川 | 区城市更新中心 |", "| 冯知秋 | 区城市更新中心 |"), encoding="utf-8")
    with pytest.raises(PlanConflictError) as err:
        list(read_plans([tmp_path]))
    assert "a.txt" in str(err.value) and "b.txt" in str(err.value) and "分不出先后" in str(err.value)
    assert "cannot be ordered" in err.value.message("en")


def test_without_a_date_the_number_gives_the_year(tmp_path):
    for f in (T24, T25):  # the 成文日期 lines taken out: 苇府办〔2024〕9号 and 〔2025〕11号 order them
        text = "\n".join(line for line in f.read_text(encoding="utf-8").splitlines() if not line.startswith("202"))
        (tmp_path / f.name).write_text(text + "\n", encoding="utf-8")
    (model,) = read_plans([tmp_path])
    assert model.file.endswith("district_renewal_2025.txt")
    [versions] = [w for w in model.warnings if getattr(w, "kind", None) == "versions"]
    assert versions.values["dates"] == ["2024", "2025"]
    for f in tmp_path.iterdir():  # and with neither date nor number: no order, an error
        f.write_text("\n".join(line for line in f.read_text(encoding="utf-8").splitlines() if "〕" not in line),
                     encoding="utf-8")
    with pytest.raises(PlanConflictError):
        list(read_plans([tmp_path]))


def test_cli_as_of(folder):
    now = runner.invoke(app, ["show", "冯知秋", str(folder), "--format", "json"])
    then = runner.invoke(app, ["show", "冯知秋", str(folder), "--format", "json", "--as-of", "2024-12-31"])
    assert now.exit_code == 0 and then.exit_code == 0, now.output + then.output
    import json

    led = lambda r: sorted(f["other"]["number"] for f in json.loads(r.stdout)["facts"] if f["type"] == "LEADS")  # noqa: E731
    assert led(now) == [3, 5] and led(then) == [3, 4, 5, 6]
    assert "不同版本" in now.stderr
    result = runner.invoke(app, ["audit", str(folder), "--as-of", "2023-01-01"])
    assert result.exit_code == 2 and "2023-01-01" in result.stderr
    for bad in ("2024-13", "2024-02-30", "24-01-01", "yesterday"):
        result = runner.invoke(app, ["bottlenecks", str(folder), "--as-of", bad, "--lang", "en"])
        assert result.exit_code == 2 and result.stderr.strip() == (
            f"error: --as-of must be a date such as 2024-06-30, 2024-06 or 2024 (got {bad})")
