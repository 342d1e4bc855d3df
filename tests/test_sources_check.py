"""The link checker against fixture pages on a loopback HTTP server (never the internet)."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chinadigital.dataset.sources_check import check, stated_on_page
from conftest import read_rows, write_rows

PAGES = {
    "/good": "<html><body><p>截至2014年12月,我国网民规模达<b>6.49亿</b>,互联网普及率为47.9%。</p></body></html>",
    "/changed": "<html><body><p>This article has been updated; the figures were removed.</p></body></html>",
    "/spaced": "<p>Users reached 1.13&nbsp;billion by June.</p>",
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path in PAGES:
            body = PAGES[self.path].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/moved":
            # same server, other host name: a reader would land on a host nobody checked
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_port}/good")
            self.end_headers()
        elif self.path == "/moved-same-host":
            self.send_response(301)
            self.send_header("Location", "/good")
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()


def sources(base):
    return [
        {"source_id": "good", "url": f"{base}/good"},
        {"source_id": "moved", "url": f"{base}/moved"},
        {"source_id": "dead", "url": f"{base}/gone"},
        {"source_id": "changed", "url": f"{base}/changed"},
        {"source_id": "same-host", "url": f"{base}/moved-same-host"},
        {"source_id": "nourl", "url": ""},
    ]


CITED = [
    {"source_id": "good", "stated": "6.49亿"},
    {"source_id": "good", "stated": "47.9%"},
    {"source_id": "changed", "stated": "6.49亿"},
    {"source_id": "same-host", "stated": "6.49亿"},
    {"source_id": "dead", "stated": "1"},
]


def test_each_kind_of_page_gets_its_verdict(server):
    reports = {r.source_id: r for r in check(sources(server), CITED, timeout=5, delay=0)}
    assert reports["good"].verdict == "ok" and reports["good"].found == 2 and not reports["good"].missing
    assert reports["moved"].verdict == "moved" and "localhost" in reports["moved"].detail
    assert reports["dead"].verdict == "dead" and reports["dead"].status == 404
    assert reports["changed"].verdict == "changed" and reports["changed"].missing == ["6.49亿"]
    assert reports["same-host"].verdict == "ok"  # a redirect within the host is not a move
    assert reports["nourl"].verdict == "no-url"


def test_an_unreachable_host_is_dead_not_an_exception():
    # port 9 on loopback: nothing listens, the connection is refused at once
    [rep] = check([{"source_id": "x", "url": "http://127.0.0.1:9/page"}], [], timeout=2, delay=0)
    assert rep.verdict == "dead" and rep.status is None and "no answer" in rep.detail


def test_only_restricts_and_unknown_ids_are_named(server):
    reports = check(sources(server), CITED, only=["good"], timeout=5, delay=0)
    assert [r.source_id for r in reports] == ["good"]
    with pytest.raises(KeyError, match="nope"):
        check(sources(server), CITED, only=["nope"])


def test_requests_to_one_host_are_spaced_by_the_delay(server):
    waits = []
    check(sources(server)[:3], [], timeout=5, delay=0.5, sleep=waits.append)
    # three pages on one host (and each http address also tried on https): every request after the
    # first waits for the rest of the delay
    assert waits and all(0 < w <= 0.5 for w in waits)


def test_http_addresses_are_tried_on_https(server):
    # the loopback server speaks only plain http, so https does not answer
    [rep] = check([{"source_id": "good", "url": f"{server}/good"}], CITED, timeout=5, delay=0)
    assert rep.https is False


def test_stated_forms_match_across_markup_and_spacing():
    assert stated_on_page("1.13 billion", PAGES["/spaced"])
    assert stated_on_page("6.49亿", PAGES["/good"])
    assert not stated_on_page("6.48亿", PAGES["/good"])


def test_cli_checks_only_the_named_sources_and_writes_nothing(server, data_copy):
    header, rows = read_rows(data_copy / "sources.csv")
    rows[0]["url"] = f"{server}/gone"
    write_rows(data_copy / "sources.csv", header, rows)
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    sid = rows[0]["source_id"]
    out = subprocess.run([sys.executable, "-m", "chinadigital", "sources", "check", "--only", sid,
                          "--data", str(data_copy), "--timeout", "5", "--delay", "0"],
                         capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    assert f"dead     {sid}" in out.stdout and "1 source(s): 1 dead" in out.stdout
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before
