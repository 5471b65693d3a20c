"""Generated task lists in prose (bench/synthetic_lists.py): the reader finds exactly their truth, fact by fact."""

from __future__ import annotations

from collections import Counter

import pytest

from _formats import synthetic_lists
from loaders.plan.reader import read_plan_bytes

SEEDS = range(300)


def _got(record) -> list:
    return [(t.number, t.line, t.text, [(m.name, m.line, m.inherited, m.post) for m in t.leads],
             [(m.name, m.line) for m in t.responsible], [(m.name, m.line) for m in t.cooperating], t.goal)
            for t in record.tasks]


def _want(truth) -> list:
    return [(t.number, t.line, t.text, [(n, line, inherited, post) for n, line, inherited, post in t.leads],
             [(n, line) for n, line, _i in t.responsible], [(n, line) for n, line, _i in t.cooperating], t.goal)
            for t in truth.tasks]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_fact_of_every_generated_list(seed):
    doc = synthetic_lists.generate_list(seed)
    record = read_plan_bytes(doc.text.encode(), doc.file_name)
    truth = doc.truth
    assert record.layout == "task-list", doc.text
    assert (record.meta.subdistrict, record.meta.level, record.meta.title, record.meta.number, record.meta.date) == (
        truth.issuer, truth.level, truth.title, truth.number, truth.date)
    assert _got(record) == _want(truth), doc.text
    assert [(g.name, g.parent) for g in record.goals] == truth.goals
    assert record.warnings == ()


def test_the_generator_covers_every_form_and_level():
    docs = [synthetic_lists.generate_list(seed) for seed in SEEDS]
    assert set(Counter(d.truth.form for d in docs)) == set(synthetic_lists.FORMS)
    assert set(Counter(d.truth.level for d in docs)) == set(synthetic_lists._T.LEVELS)
    tasks = [t for d in docs for t in d.truth.tasks]
    assert sum(1 for t in tasks if len({line for _n, line, *_ in t.responsible + t.cooperating} | {t.line}) > 1) > 100
    assert sum(1 for t in tasks for m in t.leads if m[3]) > 10  # leads named by post
    assert sum(1 for d in docs if "为牵头单位" in d.text) > 20
    # the forms of real documents: heading leads (inherited), the first-listed rule stated mid-way, 分别牵头,
    # a 、 inside a unit's brackets, page footers, names broken over lines, a signature right after the list
    assert sum(1 for t in tasks for m in t.leads if m[2]) > 50
    assert sum(1 for d in docs if "下同" in d.text) > 5
    assert sum(1 for d in docs if "分别牵头" in d.text) > 5
    assert sum(1 for d in docs if any(c in d.text for c in synthetic_lists._COLLECTIVES)) > 5
    assert sum(1 for d in docs if "—" in d.text or "\n- " in d.text) > 20
    assert sum(1 for d in docs for t in d.truth.tasks for _n, line, _i in t.cooperating + t.responsible
               if line > t.line + 1) > 100
    dated = lambda d: f"{d.truth.date[:4]}年{int(d.truth.date[5:7])}月{int(d.truth.date[8:])}日\n"  # noqa: E731
    assert sum(1 for d in docs if d.text.count(dated(d)) == 2) > 50  # signed and dated again after the list
