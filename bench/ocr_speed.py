"""OCR speed and accuracy: pages/s at 200 dpi and characters read right, graphmodel's OCR beside tesseract.

Run by hand, or as ``python bench/benchmark.py --sections ocr``: ``python bench/ocr_speed.py [--pages 4]``. The pages
are drawn by reportlab (bench/render.py: 金杨's heading and leading group, and a generated plan with its task
table), rasterised by PDFium at 200 dpi into PNG, and read by both engines: graphmodel's (``loaders.formats.image``:
rapidocr-onnxruntime, lines rebuilt, tables as cells) and ``tesseract`` with ``chi_sim`` (Debian's
``tesseract-ocr-chi-sim``; for the benchmark only, not a dependency), each page in turn, the engines taking turns.
Character accuracy is 1 − (edit distance ÷ length) between what an engine read and the page's own text layer, with
all white space left out (spaces are not what the two engines are compared on). Writes
``bench/results/ocr-<date>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

DPI = 200


def _distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(read: str, truth: str) -> float:
    """The share of the true characters read right: 1 − edit distance ÷ length, white space left out.

    >>> accuracy("组长 汪晓晨", "组长：汪晓晨")
    0.8333333333333334
    """
    read, truth = "".join(read.split()), "".join(truth.split())
    return max(0.0, 1 - _distance(read, truth) / max(len(truth), 1))


def _pages(count: int) -> list[tuple[bytes, str]]:
    """``count`` pages as PNG at 200 dpi, each with the text of its text layer."""
    import pypdfium2
    import render
    import synthetic

    from _plans import JINYANG

    blocks = render.blocks_from_text(JINYANG.read_bytes(), JINYANG.name)
    start = next(k for k, b in enumerate(blocks) if isinstance(b, render.Paragraph) and b.text.replace(" ", "") == "附件1")
    end = next(k for k, b in enumerate(blocks) if k > start and isinstance(b, render.Table))
    pdfs = [render.render(blocks[:6] + blocks[start:end], "pdf"),
            render.render(render.blocks_of_synthetic(synthetic.generate_plan(900_001, table=True)), "pdf")]
    out = []
    for pdf in pdfs:
        document = pypdfium2.PdfDocument(pdf)
        for k in range(len(document)):
            page = document[k]
            text = page.get_textpage().get_text_range()
            picture = page.render(scale=DPI / 72, grayscale=True).to_pil()
            buf = io.BytesIO()
            picture.save(buf, "PNG", dpi=(DPI, DPI))
            out.append((buf.getvalue(), text))
        document.close()
    return out[:count]


def _ours(png: bytes) -> str:
    from loaders.formats.image import read_source

    source = read_source(png, "page.png")
    return "\n".join(line.text for line in source.lines)


def _tesseract(png: bytes, folder: Path) -> str:
    path = folder / "page.png"
    path.write_bytes(png)
    done = subprocess.run(["tesseract", str(path), "-", "-l", "chi_sim"], capture_output=True, text=True, check=True)
    return done.stdout


def ocr_speed(pages: int = 4) -> dict:
    """Pages/s and character accuracy of graphmodel's OCR and of tesseract (``chi_sim``) on the same pages."""
    from loaders.formats import _ocr

    if not _ocr.available():
        return {"error": "the ocr extra is not installed: pip install 'graphmodel[ocr]'"}
    _ocr.engine("bench")  # the models loaded before timing
    tesseract = shutil.which("tesseract")
    langs = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True).stdout if tesseract else ""
    engines = {"graphmodel": _ours}
    if "chi_sim" in langs.split():
        engines["tesseract"] = None
    results: dict[str, dict] = {name: {"seconds": [], "accuracy": []} for name in engines}
    with tempfile.TemporaryDirectory(prefix="graphmodel-ocr-") as tmp:
        for png, truth in _pages(pages):
            for name in engines:
                started = time.perf_counter()
                read = _ours(png) if name == "graphmodel" else _tesseract(png, Path(tmp))
                results[name]["seconds"].append(time.perf_counter() - started)
                results[name]["accuracy"].append(accuracy(read, truth))
    out = {"dpi": DPI, "pages": pages, "load_average": os.getloadavg(),
           "tesseract": subprocess.run([tesseract, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
           if "tesseract" in engines else None, "engines": {}}
    for name, r in results.items():
        total = sum(r["seconds"])
        out["engines"][name] = {"pages_per_s": len(r["seconds"]) / total, "seconds": r["seconds"],
                                "accuracy": sum(r["accuracy"]) / len(r["accuracy"]), "accuracy_per_page": r["accuracy"]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    result = {"date": dt.date.today().isoformat(), "machine": {"platform": platform.platform(),
                                                                "python": platform.python_version(),
                                                                "cores": os.cpu_count()},
              "ocr": ocr_speed(args.pages)}
    out = Path(args.out) if args.out else ROOT / "bench" / "results" / f"ocr-{result['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["ocr"], ensure_ascii=False, indent=2))
    print(f"written: {out}")


if __name__ == "__main__":
    main()
