"""Everything the build writes: atomic files, the lock and the state file (the index page is index_page.py)."""

from __future__ import annotations

import errno
import fcntl
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
