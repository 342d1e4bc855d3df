"""Check that cited addresses still lead a reader to the figure (`chinadigital sources check`).

A citation is only as good as the page behind it: pages die, hosts change
hands (one mirror cited here once turned into a spam site), and articles get
edited. This checker fetches each source's address with a timeout and a pause
between requests, and reports for each one:

* ``ok``: the page answered and every stated figure taken from it is on it;
* ``dead``: an HTTP error or no answer;
* ``moved``: the address redirects to another host (the reader would land
  somewhere the curator never checked);
* ``changed``: the page answers but a stated figure cited from it is gone;
* ``no-url``: the source has no address (identified by title and date).

For an ``http://`` address it also tries ``https://`` and says whether the
host serves it, so the curator can upgrade the link. It only reads the
network; it never writes into the data folder.
"""

from __future__ import annotations

import html
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import urlsplit

USER_AGENT = "chinadigital-sources-check/1 (+maintainer link check; one request per source)"


@dataclass
class Fetched:
    status: int | None          # HTTP status of the final answer, None when nothing answered
    final_url: str              # address after redirects
    text: str                   # decoded body ("" when dead)
    error: str = ""             # why nothing usable came back


@dataclass
class SourceReport:
    source_id: str
    url: str
    verdict: str                                   # ok | dead | moved | changed | no-url
    status: int | None = None
    final_url: str = ""
    missing: list[str] = field(default_factory=list)   # stated forms not found on the page
    found: int = 0                                 # stated forms found on the page
    https: bool | None = None                      # for an http:// address: does https answer?
    detail: str = ""

    def line(self) -> str:
        parts = [f"{self.verdict:<8} {self.source_id}  {self.url or '(no address)'}"]
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.final_url and self.final_url != self.url:
            parts.append(f"-> {self.final_url}")
        if self.found or self.missing:
            parts.append(f"stated forms found {self.found}/{self.found + len(self.missing)}")
        if self.missing:
            parts.append("missing: " + ", ".join(repr(m) for m in self.missing))
        if self.https is True:
            parts.append("https available")
        if self.detail:
            parts.append(self.detail)
        return "; ".join(parts)


def fetch(url: str, timeout: float) -> Fetched:
    """GET one address, following redirects; never raises for network trouble."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (addresses come from sources.csv)
            body = resp.read(2_000_000)
            charset = resp.headers.get_content_charset() or _sniff_charset(body) or "utf-8"
            return Fetched(resp.status, resp.geturl(), body.decode(charset, errors="replace"))
    except urllib.error.HTTPError as exc:
        return Fetched(exc.code, exc.geturl() or url, "", f"HTTP {exc.code}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Fetched(None, url, "", f"no answer ({reason})")


def _sniff_charset(body: bytes) -> str | None:
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", body[:4096])
    return m.group(1).decode("ascii") if m else None


def _normalise(text: str) -> str:
    """Page text as a reader sees it: tags dropped, entities decoded, whitespace and thin spaces removed."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    return re.sub(r"[\s\u00a0\u2009\u202f]+", "", text).lower()


def stated_on_page(stated: str, page_text: str) -> bool:
    """True when the stated form (spacing ignored) appears in the page's text."""
    return _normalise(stated) in _normalise(page_text)


def check(sources: Iterable[dict], cited: Iterable[dict], *, only: list[str] | None = None,
          timeout: float = 15.0, delay: float = 1.0,
          fetcher: Callable[[str, float], Fetched] = fetch,
          sleep: Callable[[float], None] = time.sleep) -> list[SourceReport]:
    """Report on every source (or the `only` ones), in sources.csv order.

    `cited` are observation and fx rows (dicts with source_id and stated);
    each non-empty stated form is looked for on its source's page. `delay`
    seconds pass between two requests to the same host, so a maintainer
    running this does not hammer anyone's server.
    """
    sources = list(sources)
    if only:
        unknown = sorted(set(only) - {s["source_id"] for s in sources})
        if unknown:
            raise KeyError(f"unknown source_id(s): {', '.join(unknown)}")
        sources = [s for s in sources if s["source_id"] in set(only)]
    stated_by_source: dict[str, list[str]] = {}
    for row in cited:
        text = (row.get("stated") or "").strip()
        if text:
            forms = stated_by_source.setdefault(row["source_id"], [])
            if text not in forms:
                forms.append(text)
    last_hit: dict[str, float] = {}

    def polite_fetch(url: str) -> Fetched:
        host = urlsplit(url).hostname or ""
        if host in last_hit:
            wait = delay - (time.monotonic() - last_hit[host])
            if wait > 0:
                sleep(wait)
        try:
            return fetcher(url, timeout)
        finally:
            last_hit[host] = time.monotonic()

    reports: list[SourceReport] = []
    for src in sources:
        sid, url = src["source_id"], (src.get("url") or "").strip()
        if not url:
            reports.append(SourceReport(sid, "", "no-url", detail="identified by publisher, title and date"))
            continue
        got = polite_fetch(url)
        rep = SourceReport(sid, url, "ok", status=got.status, final_url=got.final_url)
        if got.status is None or got.status >= 400 or got.error:
            rep.verdict, rep.detail = "dead", got.error
        elif (urlsplit(got.final_url).hostname or "").lower() != (urlsplit(url).hostname or "").lower():
            rep.verdict = "moved"
            rep.detail = f"redirects to another host ({urlsplit(got.final_url).hostname})"
        else:
            for form in stated_by_source.get(sid, []):
                if stated_on_page(form, got.text):
                    rep.found += 1
                else:
                    rep.missing.append(form)
            if rep.missing:
                rep.verdict = "changed"
        if url.startswith("http://"):
            secure = polite_fetch("https://" + url[len("http://"):])
            rep.https = secure.status is not None and secure.status < 400 and not secure.error
        reports.append(rep)
    return reports


def run(data_dir, only: list[str] | None = None, timeout: float = 15.0, delay: float = 1.0,
        out=None) -> int:
    """The CLI's work: read the folder (validated), check, print one line per source; 1 if any is not ok."""
    import sys

    from .load import load

    out = out or sys.stdout
    ds = load(data_dir, use_cache=False)
    sources = ds.sources.to_dict("records")
    cited = ds.observations[["source_id", "stated"]].to_dict("records") + ds.fx[["source_id", "stated"]].to_dict("records")
    reports = check(sources, cited, only=only, timeout=timeout, delay=delay)
    counts: dict[str, int] = {}
    for rep in reports:
        counts[rep.verdict] = counts.get(rep.verdict, 0) + 1
        print(rep.line(), file=out)
    upgradable = sum(1 for r in reports if r.https)
    print(f"{len(reports)} source(s): " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
          + (f"; {upgradable} http address(es) also answer on https" if upgradable else ""), file=out)
    return 0 if all(r.verdict in ("ok", "no-url") for r in reports) else 1
