(function () {
  "use strict";
  var root = document.documentElement;
  var LANG = root.getAttribute("lang") === "ko" ? "ko" : "en";
  var PAGE = JSON.parse(document.getElementById("cd-page").textContent);
  var T = PAGE.labels;
  // The report's slug names every download: the batch writes it into the page; a page exported on its own
  // is named after its file.
  var SLUG = PAGE.slug || decodeURIComponent((location.pathname.split("/").pop() || "report").replace(/\.html?$/i, "")) || "report";

  // ---- table of contents: open beside the text on wide screens, folded above it on phones
  var toc = document.querySelector("details.cd-toc");
  if (toc && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 1100px)");
    var place = function () { if (wide.matches) toc.setAttribute("open", ""); else toc.removeAttribute("open"); };
    place();
    if (wide.addEventListener) wide.addEventListener("change", place);
    toc.addEventListener("click", function (e) {
      if (e.target.closest("a") && !wide.matches) toc.removeAttribute("open");
    });
  }

  // ---- the language switch keeps the reader's place: the same figure (chart-N is the same in both languages),
  // the same section (by its position: headings are worded, and so named, per language), or the place read to
  function readerPlace() {
    var main = document.querySelector("main.cd-main");
    var heads = main ? Array.prototype.slice.call(main.querySelectorAll("h2[id]")) : [];
    var marks = heads.concat(Array.prototype.slice.call(document.querySelectorAll("figure.cd-chart")));
    var id = decodeURIComponent(location.hash.slice(1)), el = id && document.getElementById(id);
    if (!el) {  // no anchor: the last heading or figure above the top of the window
      marks.forEach(function (m) { if (m.getBoundingClientRect().top <= 80) el = m; });
    }
    if (!el) return location.hash;
    var fig = el.closest && el.closest("figure.cd-chart");
    if (fig) return "#" + fig.id;
    if (el.matches && el.matches(".cd-anchor")) {
      var next = el.nextElementSibling;
      if (next && next.matches("figure.cd-chart")) return "#" + next.id;
    }
    var i = heads.indexOf(el);
    if (i >= 0) return "#cd-sec-" + (i + 1);
    return location.hash;
  }
  document.querySelectorAll("a.cd-lang").forEach(function (a) {
    var base = a.getAttribute("href").split("#")[0];
    var follow = function () { a.setAttribute("href", base + readerPlace()); };
    a.addEventListener("click", follow);
    a.addEventListener("mousedown", follow);
    a.addEventListener("focus", follow);
  });
  (function arrive() {  // "#cd-sec-3" from the other language: the third section of this one
    var m = /^#cd-sec-(\d+)$/.exec(location.hash);
    if (!m) return;
    var heads = document.querySelectorAll("main.cd-main h2[id]"), h = heads[+m[1] - 1];
    if (h) { h.scrollIntoView(); history.replaceState(null, "", "#" + h.id); }
  })();

  // ---- tables wider than the screen say so: a visible cue above them while they scroll sideways
  function cue(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("cd-scrolls", wide);
    var prev = box.previousElementSibling, has = prev && prev.classList.contains("cd-scroll-cue");
    if (wide && !has) {
      var p = document.createElement("p");
      p.className = "cd-scroll-cue";
      p.textContent = T.scroll_cue;
      box.parentNode.insertBefore(p, box);
    } else if (!wide && has) prev.remove();
  }
  function cues() {
    document.querySelectorAll(".cd-table-wrap, .cd-output[tabindex]").forEach(function (box) {
      if (box.offsetParent !== null) cue(box);
    });
  }
  cues();
  window.addEventListener("resize", cues);
  document.querySelectorAll("details.cd-tableview").forEach(function (d) { d.addEventListener("toggle", cues); });

  function showStatic(fig) {
    // the picture drawn at build time, kept in <noscript> so a page with scripts pays nothing to parse it
    var ns = fig.querySelector("noscript.cd-static-src");
    if (ns && !fig.querySelector("img.cd-static")) ns.insertAdjacentHTML("afterend", ns.textContent);
    fig.classList.add("cd-static-shown");
  }
  var figures = Array.prototype.slice.call(document.querySelectorAll("figure.cd-chart"));
  if (!figures.length) return;
  if (typeof DecompressionStream === "undefined" || !window.Blob || !window.Response) {
    figures.forEach(function (fig) { showStatic(fig); fig.setAttribute("data-error", "no DecompressionStream: static picture shown"); });
    return;
  }

  function unpack(b64) {
    var bin = atob(b64.trim()), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }
  var sources = {};
  document.querySelectorAll("ol.cd-sources li").forEach(function (li) {
    sources[li.getAttribute("value")] = li.textContent.replace(/\s+/g, " ").trim();
  });

  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function provenance(meta) {
    return [
      "# " + T.report + ": " + PAGE.title + " (" + SLUG + ")",
      "# " + T.chart + ": " + T.figure + " " + meta.fig + ". " + meta.title,
      "# " + T.built + ": " + (PAGE.built_text || PAGE.built_at),
      "# " + T.data + ": " + PAGE.fingerprint,
      "# chinadigital " + PAGE.version
    ];
  }
  function toCsv(spec) {
    var cols = ["series", "indicator_label", "period", "period_text", "value", "unit", "qualifier", "value_text",
                "original_text", "stated_text", "statement_text", "source_ref", "title", "date", "actor_label", "year_text", "actor_kind_label", "n"];
    var rows = [];
    Object.keys(spec.datasets || {}).forEach(function (k) {
      // figures, events and counts; not the furniture rows (year rules, unit titles, n/a slots)
      rows = rows.concat(spec.datasets[k].filter(function (r) {
        return !r.label_only && (r.value !== undefined || r.title !== undefined || r.n !== undefined);
      }));
    });
    var used = cols.filter(function (c) { return rows.some(function (r) { return r[c] !== undefined && r[c] !== ""; }); });
    var meta = spec.usermeta.chinadigital;
    var lines = provenance(meta).map(csvCell);
    var heads = PAGE.csv_heads || {};  // the reader's words for the columns (locales, section [csv])
    lines.push(used.map(function (c) { return csvCell(heads[c] || c); }).join(","));
    rows.forEach(function (r) { lines.push(used.map(function (c) { return csvCell(r[c]); }).join(",")); });
    lines.push("");
    lines.push(csvCell("# " + meta.title));
    (meta.sources || []).forEach(function (n) { lines.push(csvCell("# [" + n + "] " + (sources[String(n)] || ""))); });
    return lines.join("\r\n") + "\r\n";
  }
  function save(href, name) {
    var a = document.createElement("a");
    a.href = href; a.download = name; a.rel = "noopener";
    document.body.appendChild(a); a.click(); a.remove();
  }

  // ---- exports that carry their provenance: a copy of the spec, titled with the report, the chart, the
  // sources by publisher, the build date and the data fingerprint, drawn at a fixed width
  function exportSpec(spec, view) {
    var s = JSON.parse(JSON.stringify(spec)), meta = s.usermeta.chinadigital;
    var config = Object.assign({}, s.config || {}, {aria: false});
    config.mark = Object.assign({}, config.mark, {aria: false});
    var outer = {"$schema": s["$schema"], config: config, datasets: s.datasets, background: "white", padding: 16};
    ["$schema", "config", "datasets", "usermeta", "autosize", "background", "padding"].forEach(function (k) { delete s[k]; });
    // variable parameters (the money switch's "cur") are top-level signals: they stay at the top of the
    // titled copy, or the chart inside it cannot find them; selections stay with their view
    if (Array.isArray(s.params)) {
      var vars = s.params.filter(function (p) { return !p.select; });
      if (vars.length) {
        outer.params = vars.map(function (p) { var q = Object.assign({}, p); delete q.bind;
          try { if (view) q.value = view.signal(p.name); } catch (e) { /* the default then */ }  // as the reader set it
          return q; });
        s.params = s.params.filter(function (p) { return p.select; });
        if (!s.params.length) delete s.params;
      }
    }
    s.width = meta.width || 560;
    s.title = {text: T.figure + " " + meta.fig + ". " + meta.title, subtitle: meta.export_footer || [], anchor: "start",
               subtitleFontSize: 11, subtitleColor: "#333", fontSize: 15};
    outer.vconcat = [s];
    outer.title = {text: PAGE.title, anchor: "start", orient: "bottom", fontSize: 12, fontWeight: "bold", offset: 14,
                   subtitle: [T.built + " " + (PAGE.built_date ? PAGE.built_date + " (" + PAGE.built_text + ")" : (PAGE.built_text || PAGE.built_at)) + " · " + T.data + " " + String(PAGE.fingerprint).slice(0, 16) +
                              " · chinadigital " + PAGE.version + " · " + SLUG],
                   subtitleFontSize: 10, subtitleColor: "#333"};
    return outer;
  }
  function exportImage(spec, ext, view) {
    // the bundle exposes only vegaEmbed: draw the titled copy off screen, take its image, drop it
    var div = document.createElement("div");
    div.setAttribute("aria-hidden", "true");
    div.style.cssText = "position:absolute;left:-20000px;top:0;width:1400px";
    document.body.appendChild(div);
    return vegaEmbed(div, exportSpec(spec, view), {renderer: "none", actions: false, tooltip: false}).then(function (res) {
      return res.view.toImageURL(ext, ext === "png" ? 2 : 1).then(function (url) {
        res.finalize(); div.remove(); return url;
      });
    }, function (err) { div.remove(); throw err; });
  }

  // ---- charts that fit: the width follows the figure; long labels are cut to what the width can hold
  function textWidth(s) {
    var w = 0;
    for (var i = 0; i < s.length; i++) w += /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(s[i]) ? 11.5 : 6.4;
    return w;
  }
  function wrap(label, maxPx) {
    var words = String(label).split(" "), lines = [], cur = "";
    words.forEach(function (w) {
      var next = cur ? cur + " " + w : w;
      if (cur && textWidth(next) > maxPx) { lines.push(cur); cur = w; } else cur = next;
    });
    if (cur) lines.push(cur);
    return lines;
  }
  function labelExpr(spec, field, maxPx, maxLines) {
    // Vega cannot wrap a label by itself: a long one becomes the lines the width can hold (at most maxLines,
    // the last then cut by the label limit with an ellipsis); {expr, lines: the most lines a label takes}
    var seen = {}, cases = [], most = 1;
    Object.keys(spec.datasets || {}).forEach(function (k) {
      spec.datasets[k].forEach(function (r) {
        var s = r[field];
        if (typeof s !== "string" || seen[s]) return;
        seen[s] = true;
        if (textWidth(s) <= maxPx) return;
        var lines = wrap(s, maxPx);
        if (maxLines && lines.length > maxLines) lines = lines.slice(0, maxLines - 1).concat([lines.slice(maxLines - 1).join(" ")]);
        most = Math.max(most, lines.length);
        cases.push("datum.label === " + JSON.stringify(s) + " ? " + JSON.stringify(lines));
      });
    });
    return cases.length ? {expr: cases.join(" : ") + " : datum.label", lines: most} : null;
  }
  function legendExpr(spec, maxPx) {
    // the colour legend names a series, or (one hue per company or measure) its hue
    var parts = ["series", "hue"].map(function (f) { return labelExpr(spec, f, maxPx, 0); })
      .filter(function (w) { return w; }).map(function (w) { return w.expr.replace(/ : datum\.label$/, ""); });
    return parts.length ? parts.join(" : ") + " : datum.label" : null;
  }
  function fit(spec, width) {
    var meta0 = spec.usermeta.chinadigital;
    // as designed where it fits; narrower than that, the chart takes its container's width
    if (meta0.width && width < meta0.width + 80) {
      spec.width = "container";
      spec.autosize = {type: "fit-x", contains: "padding"};
    }
    // panels side by side (a scale split in two, charts.split_year) stack on a screen too narrow for both
    if (Array.isArray(spec.hconcat) && width < 700) {
      spec.vconcat = spec.hconcat;
      delete spec.hconcat;
      spec.vconcat.forEach(function (v) { v.width = Math.max(120, width - 90); });
    }
    var axisLimit = Math.max(80, Math.floor(width * 0.42)), legendLimit = Math.max(120, width - 40);
    var expr = legendExpr(spec, legendLimit - 30);
    (function walk(o, key) {
      if (Array.isArray(o)) { o.forEach(function (x) { walk(x, key); }); return; }
      if (!o || typeof o !== "object") return;
      if (key === "axis" && o.labelLimit > axisLimit) o.labelLimit = axisLimit;
      // the row labels of horizontal bars (a goal, a city) wrap to two lines before they are cut
      if (key === "y" && o.type === "nominal" && typeof o.field === "string" && o.axis !== null) {
        o.axis = o.axis || {};
        var rowPx = Math.min(axisLimit, o.axis.labelLimit || axisLimit) - 6, rows = labelExpr(spec, o.field, rowPx, 3);
        if (rows && !o.axis.labelExpr) {
          o.axis.labelExpr = rows.expr;
          // three lines need taller rows than the 32-34 px each row was built with
          if (rows.lines > 2 && typeof spec.height === "number") spec.height = Math.round(spec.height * 1.35);
        }
      }
      if (key === "legend" && (o.labelLimit === 0 || o.labelLimit > legendLimit)) o.labelLimit = legendLimit;
      if (key === "legend" && expr && !o.labelExpr) o.labelExpr = expr;
      if (key === "legend" && o.direction === "vertical" && o.columns === undefined) o.columns = 1;
      Object.keys(o).forEach(function (k) { if (k !== "datasets" && k !== "data") walk(o[k], k); });
    })(spec, "");
    spec.config = spec.config || {};
    // marks are not announced one by one (Vega's own words are English field names): the figure's text
    // alternative and its table view say what the chart shows, in the report's language
    spec.config.aria = false;
    spec.config.mark = Object.assign({}, spec.config.mark, {aria: false});
    spec.config.legend = spec.config.legend || {};
    if (spec.config.legend.labelLimit > legendLimit) spec.config.legend.labelLimit = legendLimit;
    // a horizontal legend does not wrap: on a narrow screen its entries go in columns that fit
    if (width < 600 && spec.config.legend.columns === undefined) spec.config.legend.columns = Math.max(1, Math.floor(width / 190));
    // values printed on bars only while they fit the drawn width, as charts.py decides at the built width
    var meta = spec.usermeta.chinadigital;
    if (meta.width && width < meta.width * 0.8 && Array.isArray(spec.layer)) {
      spec.layer = spec.layer.filter(function (l) {
        var m = l.mark && (l.mark.type || l.mark);
        return !(m === "text" && l.encoding && l.encoding.text && l.encoding.text.field === "value_text" &&
                 meta.bar_labels > 0 && meta.bar_labels * 7 * (meta.label_chars || 8) > width);
      });
    }
    return spec;
  }

  function stackLegends(vg) {
    // Vega sets the legends under a chart side by side; on a narrow screen that runs past the chart's right
    // edge (a colour legend beside the legend of marks), so there they stand one under the other
    vg.config = vg.config || {};
    vg.config.legend = Object.assign({}, vg.config.legend,
                                     {layout: {bottom: {anchor: "start", direction: "vertical", margin: 6}}});
    return vg;
  }

  function draw(fig, i) {
    var box = fig.querySelector(".cd-vega");
    return specs[i].then(function (text) {
      var spec = JSON.parse(text), meta = spec.usermeta.chinadigital;
      var stem = SLUG + "-" + (fig.getAttribute("data-file") || meta.file);
      var csv = fig.querySelector("button.cd-csv");
      csv.hidden = false;  // the CSV is made here, from the spec: without scripts there is no button
      csv.addEventListener("click", function () {
        var blob = new Blob(["\ufeff" + toCsv(spec)], {type: "text/csv;charset=utf-8"});
        save(URL.createObjectURL(blob), stem + ".csv");
      });
      var shown = fit(JSON.parse(text), box.clientWidth || 600);
      // drawn at its designed width, the chart's box hugs it, so the menu sits at the chart's corner
      if (shown.width !== "container") box.classList.add("cd-fixed");
      var narrow = (box.clientWidth || 600) < 600;
      return vegaEmbed(box, shown, {renderer: "svg", actions: false, patch: narrow ? stackLegends : undefined})
        .then(function (res) {
        // labelled buttons in the figure's toolbar (not vega-embed's "⋯" menu), exporting the chart with its
        // provenance: title, every note and source, the build and the data fingerprint
        fig.querySelectorAll("button.cd-img").forEach(function (b) {
          var fmt = b.getAttribute("data-format");
          b.hidden = false;
          b.addEventListener("click", function () {
            exportImage(spec, fmt, res.view).then(function (url) { save(url, stem + "." + fmt); })
              .catch(function (err) { console.error("chinadigital: export failed: " + err); });
          });
        });
        var svg = box.querySelector("svg");
        if (svg) {
          svg.setAttribute("aria-roledescription", T.chart_role);
          svg.setAttribute("aria-label", spec.description || meta.title);
        }
        return res;
      });
    }).then(function (res) {
      // a tap (which has no hover) shows the tooltip too
      res.view.addEventListener("click", function (event, item) {
        var tip = res.view.tooltip();
        if (tip && item && item.tooltip !== undefined && item.tooltip !== null) tip(res.view._handler, event, item, item.tooltip);
      });
      fig.__view = res.view;
      fig.setAttribute("data-rendered", "true");
    }).catch(function (err) {
      showStatic(fig);
      fig.setAttribute("data-error", String(err));
      console.error(err);
    });
  }

  // every spec is unpacked while the library is: the browser decompresses them side by side
  var specs = figures.map(function (fig) { return unpack(fig.querySelector("script.cd-spec").textContent); });
  specs.forEach(function (p) { p.catch(function () {}); });  // a bad spec is reported by its own draw()
  unpack(document.getElementById("cd-vega-bundle").textContent).then(function (code) {
    var s = document.createElement("script");
    s.textContent = code;
    document.head.appendChild(s);
    figures.forEach(draw);
  }).catch(function (err) {
    figures.forEach(function (fig) { showStatic(fig); fig.setAttribute("data-error", String(err)); });
    console.error("chinadigital: the chart library did not load: " + err);
  });
})();
