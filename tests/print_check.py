"""The printed report, measured: Chromium's own PDF of a page (Playwright page.pdf), each page's filled share
and first line, read with poppler (pdftoppm, pdftotext). Used by the print tests and to report page counts."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

#: A4 with the page margins of report.css (@page{margin:16mm 14mm}): the share of a page text may fill.
PAGE_MM, TOP_MM, BOTTOM_MM = 297.0, 16.0, 16.0


def print_pdf(page, path: Path) -> Path:
    """The page as a reader prints it (print media, A4, backgrounds), after its charts are drawn."""
    page.emulate_media(media="print")
    page.wait_for_timeout(300)  # charts re-fit to the printed width
    page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return path


def page_fill(pdf: Path, dpi: int = 24) -> list[float]:
    """Per page, how far down its text area the last ink reaches (0 = blank, 1 = full)."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), f"{tmp}/p"], check=True)
        fills = []
        for f in sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1])):
            img = Image.open(f).point(lambda v: 255 if v < 235 else 0)
            box = img.getbbox()
            h = img.size[1]
            top, bottom = h * TOP_MM / PAGE_MM, h * (PAGE_MM - BOTTOM_MM) / PAGE_MM
            fills.append(0.0 if not box else max(0.0, min(1.0, (box[3] - top) / (bottom - top))))
        return fills


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[: len(page_fill(pdf))] if text else []


def half_empty_pages(pdf: Path, section_titles: list[str]) -> list[tuple[int, float]]:
    """Pages (1-based) less than half filled, other than the last and those before a new top-level section
    (the next page opens with one of `section_titles`, the report's h2 headings)."""
    fills = page_fill(pdf)
    texts = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    norm = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    titles = [norm(t) for t in section_titles if norm(t)]
    bad = []
    for i, fill in enumerate(fills[:-1]):
        nxt = norm(texts[i + 1]) if i + 1 < len(texts) else ""
        if fill < 0.5 and not any(nxt.startswith(t) for t in titles):
            bad.append((i + 1, round(fill, 2)))
    return bad
