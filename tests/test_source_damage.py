"""Decoding that keeps a document: good text but for a few bad bytes is read, each bad spot said by its line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from _plans import JINYANG
from graphmodel.cli import app
from graphmodel.errors import PlanError
from graphmodel.labels import notice
from loaders.plan.source import source_from_bytes

runner = CliRunner()
TEXT = "青岚街道环境整治工作方案\n一、工作目标\n打造整洁有序的街区。\n二、组织领导\n组 长：周慕白\n副组长：沈知远\n"


def _notices(source) -> list[tuple[str, int | None, dict]]:
    return [(n.kind, n.line, n.values) for n in source.notices]


def test_a_download_cut_mid_character_is_read_and_its_line_said():
    data = TEXT.rstrip("\n").encode("utf-8")[:-1]  # the last 远 loses its last byte
    source = source_from_bytes(data, "cut.txt")
    assert source.encoding == "utf-8"
    assert [ln.text for ln in source.lines][:5] == TEXT.splitlines()[:5]
    assert source.lines[-1].text == "副组长：沈知\ufffd" and source.lines[-1].no == 6
    assert _notices(source) == [("undecodable-bytes", 6, {"count": 1, "encoding": "utf-8"})]
    said = notice(source.notices[0])
    assert said.startswith("cut.txt:6: ") and "utf-8" in said and "1 处" in said


def test_gb18030_with_a_bad_byte_stays_gb18030_and_good_text_has_no_notice():
    data = TEXT.encode("gb18030")
    assert _notices(source_from_bytes(data, "a.txt")) == [] and source_from_bytes(data, "a.txt").encoding == "gb18030"
    assert source_from_bytes("街道".encode("gb18030"), "a.txt").encoding == "gb18030"  # short GBK is not damaged UTF-8
    broken = data.replace("整洁".encode("gb18030"), b"\xff\xff", 1)
    source = source_from_bytes(broken, "b.txt")
    assert source.encoding == "gb18030" and [(k, line) for k, line, _ in _notices(source)] == [("undecodable-bytes", 3)]
    assert source.lines[2].text.startswith("打造\ufffd")


def test_lines_are_counted_with_cr_and_crlf_ends_alike():
    for end in ("\r", "\r\n"):
        data = TEXT.replace("\n", end).encode("utf-8").replace("街区".encode(), b"\xe8\xa1")  # 街 cut short
        assert [(k, line) for k, line, _ in _notices(source_from_bytes(data, "a.txt"))] == [("undecodable-bytes", 3)]


def test_many_damaged_lines_are_said_up_to_ten_then_counted():
    lines = [f"第{n}项：推进背街小巷整治。" for n in range(1, 31)]
    data = "\n".join(lines).encode("utf-8").replace("巷".encode(), "巷".encode()[:2])  # 30 lines each cut once
    data = ("青岚街道环境整治工作方案\n" + "说明文字。" * 400 + "\n").encode() + data  # enough good text around
    source = source_from_bytes(data, "many.txt")
    kinds = [kind for kind, _, _ in _notices(source)]
    assert kinds == ["undecodable-bytes"] * 10 + ["undecodable-bytes-more"]
    assert source.notices[-1].values == {"lines": 20, "encoding": "utf-8"}
    assert [n.line for n in source.notices[:10]] == list(range(3, 13))  # the items start on line 3


def test_what_is_mostly_not_text_is_still_refused():
    with pytest.raises(PlanError, match="不是文本文件"):
        source_from_bytes(bytes(range(128, 256)) * 100, "noise.txt")
    with pytest.raises(PlanError, match="NUL"):
        source_from_bytes(b"\x00\x01" * 100, "binary.txt")


def test_a_truncated_plan_gives_its_facts_and_one_warning(tmp_path):
    cut = tmp_path / "方案.txt"
    cut.write_bytes(JINYANG.read_bytes().rstrip()[:-1])
    whole = runner.invoke(app, ["ingest", str(JINYANG), "-f", "json"])
    result = runner.invoke(app, ["ingest", str(cut), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    import json

    (got,), (expected,) = json.loads(result.stdout), json.loads(whole.stdout)
    assert got["tasks"] == expected["tasks"] and got["officials"] == expected["officials"]
    damaged = [line for line in result.stderr.splitlines() if "无法按 utf-8 解码" in line]
    lines = JINYANG.read_bytes().rstrip().count(b"\n") + 1
    assert len(damaged) == 1 and f"{cut.name}:{lines}:" in damaged[0]


def test_a_nul_or_control_byte_in_good_text_is_replaced_and_said():
    data = (TEXT + "三、工作要求\n" + "说明文字。" * 40 + "\n").encode("utf-8")
    data = data.replace("整洁".encode(), b"\x00\xe6\x95\xb4\x01\xe6\xb4\x81", 1)  # 整洁 with a NUL and a ^A
    source = source_from_bytes(data, "c.txt")
    assert source.lines[2].text == "打造\ufffd整\ufffd洁有序的街区。"
    assert _notices(source) == [("control-characters", 3, {"count": 2, "encoding": "utf-8"})]
    assert notice(source.notices[0]).startswith("c.txt:3: 这一行有 2 个控制字符")
    with pytest.raises(PlanError, match="NUL"):  # a text of NULs is binary whatever else it holds
        source_from_bytes(TEXT.encode("utf-8") + b"\x00" * 10, "many-nuls.txt")


def test_a_name_a_nul_broke_is_left_out_and_said(tmp_path):
    import json

    data = JINYANG.read_bytes()
    at = data.index("蔡斌".encode())
    damaged = tmp_path / "方案.txt"
    damaged.write_bytes(data[:at] + b"\x00" + data[at:])  # the first 蔡斌 of the plan: his line in the group
    line = data[:at].count(b"\n") + 1
    whole = json.loads(runner.invoke(app, ["ingest", str(JINYANG), "-f", "json"]).stdout)[0]
    result = runner.invoke(app, ["ingest", str(damaged), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)[0]
    assert (got["officials"], got["tasks"]) == (whole["officials"], whole["tasks"])  # no official named �蔡斌
    said = [ln for ln in result.stderr.splitlines() if f"{damaged.name}:{line}:" in ln]
    assert len(said) == 2 and "控制字符" in said[0] and "“\ufffd蔡斌”" in said[1]


def test_a_web_page_with_a_bad_byte_stays_utf8_and_is_read(tmp_path):
    import json

    from _formats import render, synthetic

    page = render.render_html(render.blocks_of_synthetic(synthetic.generate_plan(6, tasks=6, table=True)))
    whole, damaged = tmp_path / "whole.html", tmp_path / "damaged.html"
    whole.write_bytes(page)
    at = page.index("街道".encode(), len(page) // 2)
    damaged.write_bytes(page[:at] + b"\xff" + page[at + 1:])  # one byte of 街 flipped: the rest is good UTF-8
    expected = json.loads(runner.invoke(app, ["ingest", str(whole), "-f", "json"]).stdout)[0]
    result = runner.invoke(app, ["ingest", str(damaged), "-f", "json"])
    assert result.exit_code == 0, result.stderr  # was: decoded as GB18030 nonsense, and refused
    got = json.loads(result.stdout)[0]
    assert (got["subdistrict"], got["tasks"]) == (expected["subdistrict"], expected["tasks"])
    assert "无法按 utf-8 解码" in result.stderr and "damaged.html" in result.stderr
