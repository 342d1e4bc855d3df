"""The reader-side check: what a reader can actually see in each chart of a report page.

Runs in a real browser page (Playwright) after every `figure.cd-chart` is drawn, and returns a list of
problems `{chart_title, chart_index, rule, detail}`. It reads the SVG that Vega drew and, through it,
Vega's scenegraph: Vega's SVG renderer keeps each scene item on its element as `element.__data__`, so a
mark's element leads to its item (`mark.role`, `mark.marktype`, `mark.name`, `datum`, ...) without the
page having to keep the `vega.View` objects.

Rules
- `render-error`: the chart did not draw (the figure carries `data-error`, or there is no SVG).
- `min-marks`: fewer visible data marks than the chart needs. Data marks are items of marks whose role is
  `mark` (Vega-Lite's layers; axes, legends and titles have other roles) and whose type is rect (bars),
  symbol (points), line or area; text and rule marks never count. A mark is visible when its box, cut to
  the plotting area (the background of its view group), is more than 1 px in each dimension (bars and
  points; a line needs more than 1 px in one) and it has a visible fill or stroke (effective opacity > 0,
  a colour that is not none/transparent, fill- or stroke-opacity > 0, stroke width > 0). A chart with a
  line over a continuous x axis (time, linear) needs at least 3 visible points (its symbols, or the
  line's own vertices when it has no symbols); any other chart, a slope chart between categories
  included, is a comparison and needs at least 2 visible marks. Scale types come from the scenegraph:
  an axis group item names its scale, and the group's runtime context (`item.context.scales`) holds it.
- `no-data-panel`: the chart says "No data for this selection" (or the Korean sentence) anywhere.
- `label-overlap`: the ink boxes (glyph bounds, measured with the canvas) of two visible axis, legend or
  data labels (text marks: values printed on bars, names at line ends) intersect by more than 1 px; rotated labels are compared as rotated boxes. A label Vega hid for
  overlap (opacity 0) does not count.
- `label-cut-off`: a visible axis, legend or data label's ink box sticks out of the chart's SVG box by more
  than 1 px.
- `repeated-tick-labels`: one axis shows the same label text twice.
- `bound-without-stroke`: a bar or point whose datum has a qualifier (`>`, `>=`, `<`, `<=`, `~`) or
  `bound: true` has no visible stroke.
- `bar-axis-not-from-zero`: bars drawn on a value axis that is not linear (log, sqrt, ...) or whose
  domain does not include zero (issue 9, item 1: a bar's length must be its value).
"""

from __future__ import annotations

NO_DATA_TEXTS = ["No data for this selection", "선택한 조건에 해당하는 데이터가 없습니다"]

RULES = ("render-error", "min-marks", "no-data-panel", "label-overlap", "label-cut-off",
         "repeated-tick-labels", "bound-without-stroke", "bar-axis-not-from-zero")

CHECK_JS = r"""
(opts) => {
  const TOL = 1;                       // px of slack for sizes, overlaps and cut-offs
  const BOUND_QUALIFIERS = new Set([">", ">=", "<", "<=", "~", "~<", "≥", "≤"]);
  const DATA_TYPES = new Set(["rect", "symbol", "line", "area"]);
  const noData = opts.noData;
  const problems = [];

  function effOpacity(el, stop) {
    let o = 1;
    for (let e = el; e && e !== stop.parentNode; e = e.parentNode) {
      if (!(e instanceof Element)) break;
      const cs = getComputedStyle(e);
      if (cs.display === "none") return 0;
      o *= parseFloat(cs.opacity || "1");
    }
    if (getComputedStyle(el).visibility === "hidden") return 0;
    return o;
  }
  function colourVisible(c) {
    if (!c || c === "none" || c === "transparent") return false;
    const m = c.match(/rgba?\(([^)]*)\)/);
    if (m) {
      const parts = m[1].split(/[ ,\/]+/).filter(Boolean);
      if (parts.length === 4 && parseFloat(parts[3]) <= 0) return false;
    }
    return true;                       // named colours, url(#gradient), ...
  }
  function paint(el, svg) {
    const cs = getComputedStyle(el), op = effOpacity(el, svg);
    const fill = op > 0 && colourVisible(cs.fill) && parseFloat(cs.fillOpacity) > 0;
    const stroke = op > 0 && colourVisible(cs.stroke) && parseFloat(cs.strokeOpacity) > 0 &&
                   parseFloat(cs.strokeWidth) > 0;
    return {fill, stroke, opacity: op, fillColour: cs.fill, fillOpacity: cs.fillOpacity, strokeColour: cs.stroke,
            strokeOpacity: cs.strokeOpacity, strokeWidth: cs.strokeWidth};
  }
  function box(r) { return {l: r.left, t: r.top, r: r.right, b: r.bottom}; }
  function clip(a, b) {
    const l = Math.max(a.l, b.l), t = Math.max(a.t, b.t), r = Math.min(a.r, b.r), btm = Math.min(a.b, b.b);
    return {l, t, r, b: btm, w: r - l, h: btm - t};
  }
  function plotBox(el, svg) {
    // the nearest enclosing Vega group with a background: the view (plotting area) the mark is drawn in
    for (let g = el.parentNode; g && g !== svg; g = g.parentNode) {
      if (g.classList && g.classList.contains("mark-group")) {
        const bg = g.querySelector(":scope > g > path.background");
        if (bg) {
          const r = bg.getBoundingClientRect();
          if (r.width > 0 && r.height > 0) return box(r);
        }
      }
    }
    return box(svg.getBoundingClientRect());
  }
  function insideDecoration(el, svg) {
    for (let g = el.parentNode; g && g !== svg; g = g.parentNode) {
      const c = g.classList;
      if (c && (c.contains("role-axis") || c.contains("role-legend") || c.contains("role-title"))) return true;
    }
    return false;
  }
  function scaleOf(axisItem) {
    // an axis group item names its scale (datum.scale); the runtime context of a group above holds it
    const name = axisItem && axisItem.datum && axisItem.datum.scale;
    for (let g = axisItem; g; g = g.mark && g.mark.group) {
      if (g.context && g.context.scales && g.context.scales[name]) return g.context.scales[name].value;
    }
    return null;
  }
  function viewAxes(el, svg) {
    // the axes of the view a mark is drawn in: those of its nearest enclosing group that has any
    for (let g = el.parentNode; g && g !== svg; g = g.parentNode) {
      if (!(g.classList && g.classList.contains("mark-group"))) continue;
      const axes = Array.from(g.querySelectorAll(":scope > g > g > g.role-axis"));
      if (axes.length) {
        return axes.map(a => {
          const itemEl = a.querySelector(":scope > g");   // the axis group item's own element
          const item = itemEl && itemEl.__data__;
          const scale = scaleOf(item);
          return {orient: item ? item.orient : "", type: scale ? scale.type : "", scale};
        });
      }
    }
    return [];
  }
  const CONTINUOUS = new Set(["linear", "log", "pow", "sqrt", "symlog"]);
  function describeDatum(d) {
    if (!d) return "";
    const keys = ["series", "category", "period_text", "period", "value_text", "qualifier"];
    const parts = keys.filter(k => d[k] !== undefined && d[k] !== "").map(k => k + "=" + d[k]);
    return parts.length ? parts.join(", ") : JSON.stringify(d).slice(0, 160);
  }
  const measure = document.createElement("canvas").getContext("2d");
  function quad(el) {
    // a text element's ink box (glyph bounds, not the taller line box) as four corners in viewport
    // coordinates, rotation kept: SVG's getBBox spans the font's ascent and descent, so the baseline
    // sits fontBoundingBoxAscent below its top; the canvas measures the glyphs themselves.
    const bb = el.getBBox(), m = el.getScreenCTM(), cs = getComputedStyle(el);
    measure.font = cs.fontStyle + " " + cs.fontWeight + " " + cs.fontSize + " " + cs.fontFamily;
    const tm = measure.measureText(el.textContent);
    let x0 = bb.x, x1 = bb.x + bb.width, y0 = bb.y, y1 = bb.y + bb.height;
    if (Number.isFinite(tm.fontBoundingBoxAscent) && Number.isFinite(tm.actualBoundingBoxAscent)) {
      const base = bb.y + tm.fontBoundingBoxAscent;
      y0 = Math.max(y0, base - tm.actualBoundingBoxAscent);
      y1 = Math.min(y1, base + tm.actualBoundingBoxDescent);
      x0 = Math.max(x0, bb.x - tm.actualBoundingBoxLeft);
      x1 = Math.min(x1, bb.x + tm.actualBoundingBoxRight);
      if (!(x1 > x0 && y1 > y0)) { x0 = bb.x; x1 = bb.x + bb.width; y0 = bb.y; y1 = bb.y + bb.height; }
    }
    const pts = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    return pts.map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  }
  function quadBox(q) {
    const xs = q.map(p => p[0]), ys = q.map(p => p[1]);
    return {l: Math.min(...xs), t: Math.min(...ys), r: Math.max(...xs), b: Math.max(...ys)};
  }
  function overlapDepth(p, q) {
    // separating-axis test for two convex quads; returns the smallest overlap along any axis (<= 0: apart)
    let depth = Infinity;
    for (const poly of [p, q]) {
      for (let i = 0; i < 4; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
        let ax = -(y2 - y1), ay = x2 - x1;
        const len = Math.hypot(ax, ay);
        if (len < 1e-9) continue;
        ax /= len; ay /= len;
        const proj = pts => pts.map(([x, y]) => x * ax + y * ay);
        const a = proj(p), b = proj(q);
        const d = Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b));
        depth = Math.min(depth, d);
      }
    }
    return depth;
  }

  document.querySelectorAll("figure.cd-chart").forEach((fig, idx) => {
    const titleEl = fig.querySelector(".cd-chart-title");
    const title = (titleEl && titleEl.textContent.trim()) || fig.getAttribute("aria-label") || ("chart " + (idx + 1));
    const add = (rule, detail) => problems.push({chart_title: title, chart_index: idx + 1, rule, detail});

    // no data panel: anywhere in the figure (drawn text or HTML)
    const svgTexts = Array.from(fig.querySelectorAll("svg text")).map(t => t.textContent).join("\n");
    const allText = fig.textContent + "\n" + svgTexts;
    for (const s of noData) {
      if (allText.includes(s)) { add("no-data-panel", "the chart says: " + JSON.stringify(s)); break; }
    }

    if (fig.hasAttribute("data-error")) { add("render-error", fig.getAttribute("data-error")); return; }
    const svg = fig.querySelector(".cd-vega svg");
    if (!svg) { add("render-error", "no SVG was drawn"); return; }
    const svgBox = box(svg.getBoundingClientRect());

    // ---- data marks
    let lineChart = false, hasSymbols = false;
    const barAxes = new Map();          // value axes of the views that draw bars
    let visible = 0, visiblePoints = 0, visibleVertices = 0;
    const invisible = {};
    const markGroups = Array.from(svg.querySelectorAll("g.role-mark")).filter(g => !insideDecoration(g, svg));
    for (const g of markGroups) {
      const type = ["rect", "symbol", "line", "area"].find(t => g.classList.contains("mark-" + t));
      if (!type) continue;             // text, rule, group, image: not data marks
      if (type === "line" || type === "area") {
        // a line over time (or over any continuous x) needs 3 points; a line between categories
        // (a slope chart: before/after) is a comparison like bars
        const x = viewAxes(g, svg).find(a => a.orient === "bottom" || a.orient === "top");
        if (!x || !["point", "band", "ordinal"].includes(x.type)) lineChart = true;
      }
      if (type === "symbol") hasSymbols = true;
      if (type === "rect") {
        const axes = viewAxes(g, svg);   // a grid-only axis repeats its scale: count scales once
        const cont = Array.from(new Map(axes.filter(a => CONTINUOUS.has(a.type)).map(a => [a.scale, a])).values());
        if (cont.length === 1 && axes.some(a => ["band", "point", "ordinal"].includes(a.type))) barAxes.set(cont[0].scale, cont[0]);
      }
      for (const el of g.querySelectorAll(":scope > path")) {
        const item = el.__data__;
        const r = el.getBoundingClientRect();
        const c = clip(box(r), plotBox(el, svg));
        const p = paint(el, svg);
        let sized, why = "";
        if (type === "line" || type === "area") {
          sized = c.w >= 0 && c.h >= 0 && Math.max(c.w, c.h) > TOL;
        } else {
          sized = c.w > TOL && c.h > TOL;
        }
        if (!sized) why = (c.w < 0 || c.h < 0) ? "outside the plotting area"
                        : "box " + Math.max(c.w, 0).toFixed(1) + "×" + Math.max(c.h, 0).toFixed(1) + " px";
        else if (!(p.fill || p.stroke)) why = "no visible fill or stroke";
        if (!why) {
          visible += 1;
          if (type === "symbol") visiblePoints += 1;
          if (type === "line" || type === "area") {
            const items = (item && item.mark && item.mark.items) || [];
            visibleVertices += items.filter(it => Number.isFinite(it.x) && Number.isFinite(it.y)).length;
          }
        } else {
          const k = type + ": " + why;
          invisible[k] = (invisible[k] || 0) + 1;
        }
        // ---- bounds: a qualified value needs a visible outline
        const d = item && item.datum;
        if ((type === "rect" || type === "symbol") && d &&
            (BOUND_QUALIFIERS.has(String(d.qualifier || "").trim()) || d.bound === true) && !p.stroke) {
          add("bound-without-stroke", describeDatum(d) + " (stroke " + p.strokeColour + ", stroke-opacity " +
              p.strokeOpacity + ", stroke-width " + p.strokeWidth + ", fill-opacity " + p.fillOpacity + ")");
        }
      }
    }
    for (const a of barAxes.values()) {
      const dom = a.scale.domain(), lo = Math.min(...dom), hi = Math.max(...dom);
      const which = (a.orient === "left" || a.orient === "right") ? "y" : "x";
      if (a.type !== "linear") add("bar-axis-not-from-zero", "bars on a " + a.type + " " + which + " scale (domain " + lo + " to " + hi + ")");
      else if (lo > 0 || hi < 0) add("bar-axis-not-from-zero", "bars on a " + which + " axis from " + lo + " to " + hi + ", not from zero");
    }
    const inv = Object.entries(invisible).map(([k, n]) => n + " " + k).join("; ");
    if (lineChart) {
      const pts = hasSymbols ? visiblePoints : visibleVertices;
      if (pts < 3) add("min-marks", "line chart with " + pts + " visible point(s), needs 3" + (inv ? " (invisible: " + inv + ")" : ""));
    } else if (visible < 2) {
      add("min-marks", visible + " visible data mark(s), a comparison needs 2" + (inv ? " (invisible: " + inv + ")" : ""));
    }

    // ---- labels: overlap, cut off, repeats
    const labels = [];
    svg.querySelectorAll("g.role-axis-label > text, g.role-legend-label > text, g.mark-text.role-mark > text").forEach(el => {
      const text = el.textContent.trim();
      if (!text || effOpacity(el, svg) <= 0) return;
      const axisG = el.closest("g.role-axis"), legendG = el.closest("g.role-legend");
      if (!axisG && !legendG && insideDecoration(el.parentNode, svg)) return;
      const q = quad(el);
      labels.push({el, text, group: axisG || legendG || el.parentNode, kind: axisG ? "axis" : legendG ? "legend" : "data",
                   q, r: quadBox(q)});
    });
    const groups = Array.from(new Set(labels.map(l => l.group)));
    const groupName = g => {
      const l = labels.find(x => x.group === g);
      const t = g.querySelector("g.role-axis-title > text, g.role-legend-title > text");
      let orient = "";
      try { orient = l.el.__data__.mark.group.orient || ""; } catch (e) { /* not every item has it */ }
      if (l.kind === "data") return "data";
      return (l.kind === "axis" ? (({bottom: "x ", top: "x ", left: "y ", right: "y "})[orient] || "") + "axis" : "legend") + (t && t.textContent.trim() ? " '" + t.textContent.trim() + "'" : "");
    };
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i], b = labels[j];
        const d = overlapDepth(a.q, b.q);
        if (d > TOL) add("label-overlap", groupName(a.group) + " label " + JSON.stringify(a.text) + " overlaps " +
                         groupName(b.group) + " label " + JSON.stringify(b.text) + " by " + d.toFixed(1) + " px");
      }
      const a = labels[i];
      const out = Math.max(svgBox.l - a.r.l, svgBox.t - a.r.t, a.r.r - svgBox.r, a.r.b - svgBox.b);
      if (out > TOL) add("label-cut-off", groupName(a.group) + " label " + JSON.stringify(a.text) +
                         " is " + out.toFixed(1) + " px outside the chart");
    }
    for (const g of groups) {
      const texts = labels.filter(l => l.group === g && l.kind === "axis").map(l => l.text);
      const seen = new Set(), dup = new Set();
      texts.forEach(t => { if (seen.has(t)) dup.add(t); seen.add(t); });
      if (dup.size) add("repeated-tick-labels", groupName(g) + " shows " + JSON.stringify(texts.join(" ")) +
                        " (repeated: " + Array.from(dup).join(", ") + ")");
    }
  });
  return problems;
}
"""


def no_data_texts() -> list[str]:
    """The library's own 'no data' sentences (without their final stop) plus today's known ones."""
    texts = list(NO_DATA_TEXTS)
    try:
        from chinadigital.report.i18n import t

        for lang in ("en", "ko"):
            s = str(t("no_data", lang)).strip().rstrip(".。")
            if s and s not in texts:
                texts.append(s)
    except Exception:  # the key may be renamed or gone; the known sentences still apply
        pass
    return texts


def check_page(page) -> list[dict]:
    """Problems a reader would meet in the charts of an open, fully drawn report page (Playwright page)."""
    return page.evaluate(CHECK_JS, {"noData": no_data_texts()})


class _SizedContext:
    """A browser context whose new pages open with a given viewport width (browser.Page opens the page)."""

    def __init__(self, ctx, width: int, height: int = 900):
        self.ctx, self.size = ctx, {"width": width, "height": height}

    def new_page(self):
        page = self.ctx.new_page()
        page.set_viewport_size(self.size)
        return page


def open_report(ctx, path, width: int = 1280):
    """browser.Page for one report from disk (network blocked), in a viewport `width` px wide."""
    from browser import Page

    return Page(_SizedContext(ctx, width), path)


def check_report(ctx, path, width: int = 1280) -> list[dict]:
    """Open one report from disk in a browser context (see browser.chromium) and check its charts."""
    p = open_report(ctx, path, width)
    try:
        return check_page(p.page)
    finally:
        p.page.close()


def format_problems(by_report: dict[str, list[dict]]) -> str:
    lines = []
    for report, problems in by_report.items():
        if not problems:
            continue
        lines.append(f"{report}: {len(problems)} problem(s)")
        for pr in problems:
            lines.append(f"  - [{pr['rule']}] chart {pr.get('chart_index', '?')} {pr['chart_title']!r}: {pr['detail']}")
    return "\n".join(lines)
