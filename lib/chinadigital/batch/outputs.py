"""Everything the build writes: atomic files, the lock, the state file and the index page."""

from __future__ import annotations

import errno
import fcntl
import html
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildLocked

STATE = ".build-state.json"
LOCK = ".build.lock"
TMP_MARK = ".tmp-"


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a hidden temporary file beside `path`, fsync, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}")
    mode = "wb" if isinstance(data, bytes) else "w"
    try:
        with open(tmp, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Temporary files a killed build left behind (kill -9 skips every finally)."""
    gone = []
    for p in list(out_dir.glob(f".*{TMP_MARK}*")) + list(out_dir.glob(f"executed/.*{TMP_MARK}*")):
        p.unlink(missing_ok=True)
        gone.append(p)
    return gone


@contextmanager
def build_lock(out_dir: Path, wait: bool = True, on_wait=None):
    """An exclusive flock on out_dir/.build.lock. The kernel drops it when the holder dies, so a killed
    build never leaves a lock that blocks the next one."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK
    fh = open(path, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            if not wait:
                raise BuildLocked(f"another build is writing {out_dir} ({holder}); try again when it finishes") from None
            if on_wait:
                on_wait(holder)
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {time.strftime('%H:%M:%S')}")
        fh.flush()
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def load_state(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / STATE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {"reports": {}}


def save_state(out_dir: Path, state: dict) -> None:
    atomic_write(out_dir / STATE, json.dumps(state, indent=1, ensure_ascii=False, sort_keys=True))


INDEX_CSS = """
body{margin:0;font:15px/1.5 'Noto Sans','Noto Sans CJK KR','Apple SD Gothic Neo','Malgun Gothic',sans-serif;color:#1d1d1f}
main{max-width:1100px;margin:0 auto;padding:24px 20px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e3e3e3;padding:6px 8px;text-align:left;vertical-align:top}
.ok{color:#007a3d}.failed{color:#b00020}.stale{color:#a15c00}code{font-size:.9em}.err{font-size:.85em;color:#b00020;white-space:pre-wrap}.note{font-size:.85em;color:#6b4e00}
"""


def index_html(rows: list[dict], built_at: str) -> str:
    """The one page that lists every report: title, language, parameters, status, build time, size, link."""
    from ..export import CSP

    body = []
    for r in rows:
        e = {k: html.escape(str(v)) for k, v in r.items() if not isinstance(v, dict)}
        status = r["status"]
        badge = {"ok": "ok", "failed": "failed"}.get(status, status)
        link = f'<a href="{e["slug"]}.html">{e["title"]}</a>' if r.get("has_html") else e["title"]
        err = ""
        if r.get("error"):
            er = r["error"]
            err = (f'<div class="err">cell {html.escape(str(er.get("cell")))}: {html.escape(str(er.get("ename")))}: '
                   f'{html.escape(str(er.get("evalue")))}</div>')
        stale = ' <span class="stale">(stale: last good build kept)</span>' if r.get("stale") else ""
        if r.get("notes"):  # charts the data could not fill: the report built, with a sentence in their place
            err += (f'<div class="note">{len(r["notes"])} chart(s) not drawn, too little data: '
                    f'{html.escape("; ".join(r["notes"]))}</div>')
        body.append(f'<tr data-slug="{e["slug"]}" data-status="{html.escape(status)}"><td>{link}{stale}{err}</td>'
                    f'<td>{e["lang"]}</td><td><code>{e["params"]}</code></td>'
                    f'<td class="{badge}">{html.escape(status)}</td><td>{e["built_at"]}</td><td>{e["size"]}</td></tr>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>chinadigital reports</title><style>{INDEX_CSS}</style></head>
<body><main><h1>chinadigital reports</h1><p>Built {html.escape(built_at)}. Every report opens offline.</p>
<table><thead><tr><th>Report</th><th>Language</th><th>Parameters</th><th>Status</th><th>Built</th><th>Size</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody></table></main></body></html>
"""
