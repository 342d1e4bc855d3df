"""The report context a notebook creates once: dataset, language, parameters and citations.

It renders the few pieces of a report that are not charts (title block, key
findings, sources section) and decides which prose cells belong to the
report's language.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from . import params as params_mod
from .. import themes
from .citations import Citations
from ..dataset.load import load
from .i18n import t

LANG_TAG = "lang-{lang}"
GUIDE_TAG = "guide"
FINDINGS_MIME = "application/vnd.chinadigital.findings+json"
REPORT_MIME = "application/vnd.chinadigital.report+json"
ANSWERS_MIME = "application/vnd.chinadigital.answers+json"


def caveat(lang: str, rows) -> str:
    """The sentence a finding needs when its figures are not measured results: a promotional release's
    claim or a press figure without a named measurer (observations' `statement`). '' for statistics,
    filings and estimates, whose kind the chart's tooltip and table already show."""
    kinds = [k if isinstance(k, str) else "" for k in (r.get("statement") for r in rows)]
    parts = []
    for kind, key in (("promotional-claim", "claimed"), ("press-figure", "press")):
        n = kinds.count(kind)
        if n and n == len(kinds):
            parts.append(t(f"findings.{key}_all" if n == 1 else f"findings.{key}_all_many", lang))
        elif n:
            parts.append(t(f"findings.{key}_{'one' if n == 1 else 'some'}", lang, n=n))
    return "".join(" " + p for p in parts)


CLAIM_KINDS = ("promotional-claim", "press-figure")


def kinds_of(rows) -> tuple:
    """The statement kinds of the rows a finding states (observations' resolved `statement`)."""
    return tuple(k if isinstance(k, str) else "" for k in (r.get("statement") for r in rows))


@dataclass
class Finding:
    """One key finding: its sentence in the report's language and the numbers it states.

    `kinds` are the statement kinds of the figures it rests on: a finding resting on any promotional claim or
    unattributed press figure is a claim, shown apart from the key findings (where a reader skims) in
    "Claims as stated", with `measure` saying what independent measure in the data bears on it ('' for none).
    """

    key: str
    text: str
    values: dict
    source_ids: list
    kinds: tuple = ()
    measure: str = ""

    @property
    def is_claim(self) -> bool:
        return any(k in CLAIM_KINDS for k in self.kinds)


class Report:
    def __init__(self, notebook: str, lang: str = "en", ds=None, **params):
        self.ds = ds if ds is not None else load()
        self.notebook = notebook
        self.params = params_mod.check(notebook, self.ds, lang=lang, **params)
        self.lang = lang
        self.cites = Citations(self.ds)
        self._named: set[str] = set()

    # -- pieces of the page ------------------------------------------------------------------
    def title(self) -> str:
        """The theme's title from the registry, with parameters that name an entity shown by name."""
        theme = themes.get(self.notebook)
        fields = dict(self.params)
        for name in theme.entity_params:
            fields[name] = self.name(self.params[name])
        return theme.titles[self.lang].format(**fields)

    def name(self, entity: str) -> str:
        """An entity's name in the report's language, with its Chinese form only the first time the report
        names it (腾讯 beside Tencent once; after that the name alone, as an editor would)."""
        from .i18n import entity_label

        row = self.ds.entity(entity)
        first = entity not in self._named
        self._named.add(entity)
        return entity_label({**row.to_dict(), "entity": entity}, self.lang, with_zh=first)

    def header(self):
        """Title and the parameters the report was built with, shown at the top of the notebook.

        The output also carries them as JSON (REPORT_MIME), so the executed notebook itself says what
        report it is: `jupyter nbconvert --to chinadigital` then needs nothing from the batch.
        """
        return _Header(self)

    def record(self) -> dict:
        # Parameters as pairs: JSON objects lose their order on the way through the notebook file.
        return {"notebook": self.notebook, "title": self.title(), "lang": self.lang,
                "params": [["lang", self.lang]] + [[k, v] for k, v in self.params.items()],
                "fingerprint": self.ds.fingerprint}

    def findings(self, items: list[Finding]):
        """Key findings as a list, then the claims apart ("Claims as stated": who said it, when, and what the
        data's own measure says); the numbers ride along as JSON so tests can check them against the data."""
        for f in items:
            self.cites.cite(f.source_ids)
        return _FindingsDisplay(items, self.lang, self.cites, self.ds)

    def check(self, key: str):
        """Run the build-time check behind a sentence of prose (the topic module's CHECKS[key]); a claim the
        data no longer support stops the report, naming the notebook, the claim and what the data say."""
        from .prose import check

        return check(self, key)

    def answers(self, items: list[tuple[str, str | None]]):
        """'What this report answers': each question links to the chart or table that answers it; a question the
        data cannot answer yet says so instead of linking anywhere."""
        return _AnswersDisplay(items, self.lang)

    def sources(self):
        from IPython.display import HTML

        return HTML(self.cites.html(self.lang))


class _Header:
    def __init__(self, rep):
        self.rep = rep

    def _repr_mimebundle_(self, include=None, exclude=None):
        rep = self.rep
        shown = ", ".join(f"{html.escape(k)} = {html.escape(repr(v))}" for k, v in rep.params.items())
        body = (f"<h1>{html.escape(rep.title())}</h1>\n<p class='cd-params'><strong>"
                f"{html.escape(t('parameters', rep.lang))}:</strong> {shown}</p>")
        return {"text/html": body, "text/plain": rep.title(), REPORT_MIME: rep.record()}


class _AnswersDisplay:
    def __init__(self, items, lang):
        self.items, self.lang = items, lang

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .charts import anchor

        lis, data = [], []
        for question, target in self.items:
            if isinstance(target, tuple) and target[0] == "report":
                # answered by another report of the suite: the batch links it when it built that report
                title = themes.get(target[1]).titles[self.lang].split(":")[0]
                lis.append(f'<li><a class="cd-xref" data-cd-theme="{html.escape(target[1])}">{html.escape(question)}</a> '
                           f'<em class="cd-xref-note">({html.escape(t("answered_in", self.lang, title=title))})</em></li>')
                data.append({"question": question, "target": None, "report": target[1]})
                continue
            if target:
                lis.append(f'<li><a href="#{html.escape(anchor(target))}">{html.escape(question)}</a></li>')
            else:
                lis.append(f"<li>{html.escape(question)} <em>({html.escape(t('not_answered_yet', self.lang))})</em></li>")
            data.append({"question": question, "target": anchor(target) if target else None})
        body = f"<h2>{html.escape(t('answers', self.lang))}</h2><ul class='cd-answers'>{''.join(lis)}</ul>"
        text = "\n".join(f"- {q}" for q, _ in self.items)
        return {"text/html": body, "text/plain": text, ANSWERS_MIME: data}


class _FindingsDisplay:
    def __init__(self, items, lang, cites, ds=None):
        self.items, self.lang, self.cites, self.ds = items, lang, cites, ds

    def _who_when(self, f) -> str:
        """'Published by Hangzhou release (AsiaNet), June 2018': the first source's publisher and date."""
        if self.ds is None or not f.source_ids:
            return ""
        from .i18n import period_label

        src = self.ds.sources.set_index("source_id")
        sid = f.source_ids[0]
        if sid not in src.index:
            return ""
        row = src.loc[sid]
        when = period_label(str(row["published"]), self.lang) if str(row.get("published", "") or "") else ""
        from .sources_ko import publisher_for

        # the outlet's Korean short name on a Korean page, never an English descriptor in a Korean sentence
        publisher = publisher_for(row["publisher"], self.lang)
        return t("claims.who_when" if when else "claims.who", self.lang, publisher=publisher, when=when)

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .citations import refs_links

        findings = [f for f in self.items if not f.is_claim]
        claims = [f for f in self.items if f.is_claim]
        lis = "".join(f"<li>{html.escape(f.text)} {refs_links(self.cites.cite(f.source_ids))}</li>" for f in findings)
        body = f"<h2>{html.escape(t('key_findings', self.lang))}</h2><ul class='cd-findings'>{lis}</ul>"
        if claims:
            items = []
            for f in claims:
                measure = f.measure or t("claims.no_measure", self.lang)
                items.append(f"<li>{html.escape(f.text)} {refs_links(self.cites.cite(f.source_ids))}"
                             f"<br><span class='cd-claim-who'>{html.escape(self._who_when(f))}</span> "
                             f"<span class='cd-claim-measure'>{html.escape(measure)}</span></li>")
            body += (f"<h2 id='claims-as-stated'>{html.escape(t('claims.heading', self.lang))}</h2>"
                     f"<p class='cd-claims-intro'>{html.escape(t('claims.intro', self.lang))}</p>"
                     f"<ul class='cd-claims'>{''.join(items)}</ul>")
        data = [{"key": f.key, "text": f.text, "values": f.values, "source_ids": f.source_ids,
                 "claim": f.is_claim, "kinds": list(f.kinds), "measure": f.measure} for f in self.items]
        text = "\n".join(f"- {f.text}" for f in findings)
        if claims:
            text += "\n" + t("claims.heading", self.lang) + "\n" + "\n".join(f"- {f.text}" for f in claims)
        return {"text/html": body, "text/plain": text, FINDINGS_MIME: json.loads(json.dumps(data, default=float))}


def cells_to_keep(nb, lang: str) -> list[int]:
    """Indices of the cells a report in `lang` shows: code cells, untagged markdown, and markdown of its language
    (never the `guide` cell, which tells an analyst how the notebook is read and edited).

    The exporter drops the rest; notebooks tag prose `lang-en` or `lang-ko`.
    """
    keep = []
    wanted = LANG_TAG.format(lang=lang)
    for i, cell in enumerate(nb["cells"]):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if GUIDE_TAG in tags:  # the analyst's note on reading and editing the notebook
            continue
        lang_tags = {tg for tg in tags if tg.startswith("lang-")}
        if cell["cell_type"] == "markdown" and lang_tags and wanted not in lang_tags:
            continue
        keep.append(i)
    return keep
