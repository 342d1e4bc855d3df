"""Static pictures of the charts, drawn at build time: what a reader sees where scripts do not run.

Mail previews, locked-down viewers and browsers without `DecompressionStream` cannot draw the
interactive chart; each figure therefore carries an SVG of the same spec, rendered here with
vl-convert (the same Vega the page ships, so the picture matches the chart) and made small:
numbers rounded to a tenth of a pixel, the font named once on the root instead of on every label,
and the attributes only the interactive view uses (ARIA on marks, pointer events, classes) dropped.
The figure's own text alternative and table view describe it; the picture itself is decorative
for assistive technology and carries the chart's description as its alt text.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
import time
from functools import lru_cache
from pathlib import Path

from ..dataset.paths import cache_dir
from .outputs import atomic_write
from .vega_bundle import VEGA_LITE_VERSION


_NUM = re.compile(r"(-?\d+\.\d)\d+")
_DROP = re.compile(r'\s(?:class|role|aria-[a-z]+|pointer-events|stroke-miterlimit)="[^"]*"')
_FONT = re.compile(r'\sfont-family="([^"]*)"')
_EMPTY_BG = re.compile(r'<path d="M0,0h0v0h0Z"(?: display="none")?/>|<path d=""(?: display="none")?/>')
_OPACITY1 = re.compile(r'\sopacity="1"')


def static_spec(spec: dict) -> dict:
    """The spec as the static picture draws it: fixed width, no interactive ARIA on marks."""
    s = copy.deepcopy(spec)
    s.pop("usermeta", None)
    config = dict(s.get("config", {}))
    config["aria"] = False
    s["config"] = config
    s.setdefault("background", "white")
    return s


def minify_svg(svg: str) -> str:
    """Smaller SVG with the same picture (see the module docstring)."""
    fonts = _FONT.findall(svg)
    font = max(set(fonts), key=fonts.count) if fonts else ""
    out = _NUM.sub(r"\1", svg)
    out = _DROP.sub("", out)
    out = _OPACITY1.sub("", out)
    if font:
        out = out.replace(f' font-family="{font}"', "")
        out = out.replace("<svg ", f'<svg font-family="{font}" ', 1)
    out = _EMPTY_BG.sub("", out)
    out = re.sub(r"\.0(?=[\s,\"')hvHVlLmMzZ])", "", out)
    out = out.replace(' stroke-width="1"', "").replace(' transform="translate(0,0)"', "")
    return _share_shapes(_unwrap_bare_groups(out))


_SHAPE = re.compile(r'<path((?: [a-z-]+="[^"]*")*?) d="([^"]{12,})"((?: [a-z-]+="[^"]*")*)/>')


def _share_shapes(svg: str) -> str:
    """A point's outline repeats once per point: draw each repeated outline once in <defs> and <use> it."""
    counts: dict[str, int] = {}
    for m in _SHAPE.finditer(svg):
        counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    shared = {d: f"s{i}" for i, d in enumerate(d for d, n in counts.items() if n >= 3)}
    if not shared:
        return svg

    def use(m):
        key = shared.get(m.group(2))
        return f'<use href="#{key}"{m.group(1)}{m.group(3)}/>' if key else m.group(0)

    body = _SHAPE.sub(use, svg)
    defs = "<defs>" + "".join(f'<path id="{k}" d="{d}"/>' for d, k in shared.items()) + "</defs>"
    end = body.index(">", body.index("<svg")) + 1
    return body[:end] + defs + body[end:]


_TAG = re.compile(r"<(/?)([a-zA-Z]+)([^>]*?)(/?)>")


def _unwrap_bare_groups(svg: str) -> str:
    """Drop <g> elements without attributes (they only nest), keeping their children."""
    out, stack, pos = [], [], 0
    for m in _TAG.finditer(svg):
        out.append(svg[pos:m.start()])
        pos = m.end()
        closing, name, attrs, selfclose = m.groups()
        if name != "g" or selfclose:
            out.append(m.group(0))
        elif not closing:
            bare = attrs.strip() == ""
            stack.append(bare)
            if not bare:
                out.append(m.group(0))
        else:
            if not (stack.pop() if stack else False):
                out.append(m.group(0))
    out.append(svg[pos:])
    return "".join(out)


@lru_cache(maxsize=1)
def _vlc():
    import vl_convert as vlc

    return vlc


@lru_cache(maxsize=1)
def _drawer_key() -> str:
    """What a picture depends on besides its spec: vl-convert's version, the Vega-Lite version and this
    module's code (its minification)."""
    return hashlib.sha256(f"{_vlc().__version__}|{VEGA_LITE_VERSION}|".encode()
                          + Path(__file__).read_bytes()).hexdigest()


def picture_cache(spec: dict) -> Path | None:
    """Where the picture of this exact spec is kept between builds, or None when $CHINADIGITAL_SVG_CACHE=0.

    Drawing is about 0.1 CPU-second a chart (vl-convert runs Vega in its own JavaScript engine: compiling,
    laying out and measuring text, whatever the chart's size) and most of a report's export. A page is
    rebuilt whenever anything it depends on changes (the library, the template, a package version, a
    parameter, any data file), yet most of its charts come out the same spec; their pictures are then read
    back, not drawn again. The key is the whole spec as drawn, so a changed chart is always drawn anew."""
    if os.environ.get("CHINADIGITAL_SVG_CACHE", "").strip() in {"0", "off", "no", "false"}:
        return None
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    key = hashlib.sha256((_drawer_key() + "\0" + text).encode("utf-8")).hexdigest()
    return cache_dir() / "svg" / key[:2] / f"{key}.svg"


def render_svg(spec: dict) -> str:
    """The chart as a minified SVG document string; '' if vl-convert cannot draw it."""
    drawn = static_spec(spec)
    try:
        cached = picture_cache(drawn)
    except Exception:
        cached = None
    if cached is not None:
        try:
            svg = cached.read_text(encoding="utf-8")
            if svg.startswith("<svg") and svg.rstrip().endswith("</svg>"):
                _touch(cached)  # used now: `prune_pictures` keeps what builds still read
                return svg
        except (OSError, UnicodeDecodeError):
            pass
    try:
        svg = _vlc().vegalite_to_svg(drawn, vl_version=VEGA_LITE_VERSION)
    except Exception:  # a picture is a fallback: its absence must never fail a report
        return ""
    svg = minify_svg(svg)
    if cached is not None:
        _keep(cached, svg)
    return svg


def _keep(path: Path, svg: str) -> None:
    """Store a picture for the next build, atomically; a cache that cannot be written is simply not used."""
    try:
        atomic_write(path, svg)
    except OSError:
        pass


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


#: Pictures no build has used for this long are dropped; and the oldest go first while the cache is larger.
PICTURE_MAX_AGE_DAYS = 30
PICTURE_MAX_BYTES = 256 * 2**20


def prune_pictures(max_age_days: float = PICTURE_MAX_AGE_DAYS, max_bytes: int = PICTURE_MAX_BYTES,
                   now: float | None = None) -> int:
    """Drop the pictures no build has drawn or read for `max_age_days`, then the least recently used until the
    cache holds at most `max_bytes`; how many went. Every changed chart leaves a picture behind (its key is
    the whole spec), so without this the cache only grows. A picture in use is touched when read, so its age
    is the time since a page last used it."""
    root = cache_dir() / "svg"
    if not root.is_dir():
        return 0
    now = time.time() if now is None else now
    files = []
    for path in root.glob("*/*.svg"):
        try:
            st = path.stat()
        except OSError:
            continue
        files.append((st.st_mtime, st.st_size, path))
    files.sort()
    total = sum(size for _, size, _ in files)
    removed = 0
    for mtime, size, path in files:  # oldest first: once one is young and the cache small enough, all the rest are
        if now - mtime <= max_age_days * 86400 and total <= max_bytes:
            break
        try:
            path.unlink()
        except OSError:
            continue
        removed += 1
        total -= size
    return removed


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def svg_size(svg: str) -> tuple[int, int]:
    m = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    return (int(float(m.group(1))), int(float(m.group(2)))) if m else (0, 0)
