"""A PDF's pages are read by PDFium in a thread of their own, ahead of the reader (``pdf._ReadAhead``).

What must hold: the very lines of a page-by-page read; no PDFium call once the document is closed, nor two at once;
a page that cannot be read named, whichever thread found it; no thread left behind.
"""

from __future__ import annotations

import threading
import time

import pytest

from _formats import plan_blocks, render
from graphmodel.errors import PlanError
from loaders.formats import _pdfium
from loaders.formats import pdf as pdf_reader

_THREAD = "graphmodel-pdf-pages"


def _pdf(rows: int = 40) -> bytes:
    data = render.render_pdf(plan_blocks(rows=rows))
    assert len(_pdfium.open_pdf(data)) >= 3  # pages enough to read ahead
    return data


def _shape(source):
    return [(ln.no, ln.text, ln.page, ln.table, ln.row, ln.cells, ln.merged) for ln in source.lines]


def _alive() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == _THREAD]


class _Watch:
    """Every call of ``read_page`` (when, in which thread, whether another was running) and the document's close."""

    def __init__(self, monkeypatch, fail_at: int | None = None):
        self.calls: list[tuple[float, float, str]] = []
        self.overlapped = False
        self.closed_at: float | None = None
        self.running = 0
        real_read, real_open = _pdfium.read_page, pdf_reader.open_pdf

        def read_page(document, index):
            self.running += 1
            self.overlapped |= self.running > 1
            started = time.perf_counter()
            try:
                if index == fail_at:
                    raise RuntimeError("a damaged page")
                return real_read(document, index)
            finally:
                self.running -= 1
                self.calls.append((started, time.perf_counter(), threading.current_thread().name))

        def open_pdf(data):
            document = real_open(data)
            close = document.close

            def closing():
                self.closed_at = time.perf_counter()
                close()

            document.close = closing
            return document

        monkeypatch.setattr(pdf_reader, "read_page", read_page)
        monkeypatch.setattr(pdf_reader, "open_pdf", open_pdf)


def _one_by_one(data: bytes, monkeypatch):
    """The document read page by page in the reader's own thread (the read before pages were read ahead)."""
    with monkeypatch.context() as m:
        m.setattr(pdf_reader._ReadAhead, "__init__", _sequential)
        return pdf_reader.read_source(data, "plan.pdf")


def _sequential(self, pdf, slow):
    self.pdf, self.slow, self.count, self.thread, self.stop = pdf, slow, len(pdf), None, threading.Event()


def test_pages_read_ahead_give_the_lines_of_a_read_page_by_page(monkeypatch):
    data = _pdf()
    watch = _Watch(monkeypatch)
    ahead = pdf_reader.read_source(data, "plan.pdf")
    assert {name for _s, _e, name in watch.calls} == {_THREAD}  # every page read in the thread
    assert not watch.overlapped and watch.closed_at is not None
    assert all(end <= watch.closed_at for _s, end, _n in watch.calls)  # none after the document was closed
    assert not _alive()
    one_by_one = _one_by_one(data, monkeypatch)
    assert len(ahead.lines) > 40 and _shape(ahead) == _shape(one_by_one)


def test_a_page_that_cannot_be_read_is_named_and_the_thread_stops(monkeypatch):
    data = _pdf()
    watch = _Watch(monkeypatch, fail_at=1)
    with pytest.raises(PlanError) as caught:
        pdf_reader.read_source(data, "plan.pdf")
    assert "第 2 页已损坏" in str(caught.value) and caught.value.file == "plan.pdf"
    assert [k for k, _call in enumerate(watch.calls)] == [0, 1]  # no page read after the damaged one
    assert all(end <= watch.closed_at for _s, end, _n in watch.calls) and not _alive()


def test_the_reader_failing_on_a_page_stops_the_thread_before_the_document_closes(monkeypatch):
    data = _pdf()
    watch = _Watch(monkeypatch)
    real = pdf_reader._read_page

    def slow_failure(page):
        time.sleep(0.05)  # the thread reads on meanwhile
        if page.page_number == 1:
            raise ValueError("a page the reader cannot take")
        return real(page)

    monkeypatch.setattr(pdf_reader, "_read_page", slow_failure)
    with pytest.raises(PlanError) as caught:
        pdf_reader.read_source(data, "plan.pdf")
    assert "第 1 页已损坏" in str(caught.value)
    assert len(watch.calls) >= 2  # the thread had read ahead …
    assert all(end <= watch.closed_at for _s, end, _n in watch.calls) and not _alive()  # … and stopped first


def test_threads_reading_pdfs_at_once_read_them_one_at_a_time(monkeypatch):
    small, large = render.render_pdf(plan_blocks(rows=8)), _pdf()
    expected = {name: _shape(_one_by_one(data, monkeypatch)) for name, data in (("a", small), ("b", large))}
    watch = _Watch(monkeypatch)
    got: dict[str, list] = {}

    def read(name, data):
        for _ in range(3):
            got[name] = _shape(pdf_reader.read_source(data, "plan.pdf"))

    readers = [threading.Thread(target=read, args=args) for args in (("a", small), ("b", large))]
    for t in readers:
        t.start()
    for t in readers:
        t.join()
    assert got == expected
    assert len(watch.calls) > 6 and not watch.overlapped  # never two pages read at once


def test_what_no_reader_catches_in_the_thread_is_raised_in_the_reader_not_waited_for(monkeypatch):
    class Stopped(BaseException):
        pass

    real = _pdfium.read_page

    def read_page(document, index):
        if index == 1:
            raise Stopped
        return real(document, index)

    monkeypatch.setattr(pdf_reader, "read_page", read_page)
    with pytest.raises(Stopped):  # the reader does not wait for a page the thread will never hand over
        pdf_reader.read_source(_pdf(), "plan.pdf")
    assert not _alive()
