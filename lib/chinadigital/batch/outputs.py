"""Everything the build writes: atomic files, the lock and the state file (the index page is index_page.py)."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildLocked, ChinadigitalError

STATE = ".build-state.json"
LOCK = ".build.lock"
TMP_MARK = ".tmp-"


class OutputError(ChinadigitalError):
    """The output folder cannot be written (not a folder, no permission, disk full): said in one line; the pages
    already there are kept and no temporary file is left."""


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a hidden temporary file beside `path`, fsync, then rename: readers see old or new, never half.
    An OSError names `path` itself (not the temporary file, which is gone)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path.parent)) from None
    tmp = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}")
    mode = "wb" if isinstance(data, bytes) else "w"
    try:
        with open(tmp, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def output_problem(out_dir: Path, exc: OSError) -> OutputError:
    """One line that says what could not be written and why, in words a user acts on."""
    where = exc.filename or out_dir
    why = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
           errno.EACCES: "permission denied", errno.EPERM: "permission denied",
           errno.EROFS: "the file system is read-only"}.get(exc.errno, exc.strerror or str(exc))
    return OutputError(f"cannot write {where}: {why}; the pages already in {out_dir} are kept, "
                       f"no temporary file is left")


def check_out_dir(out_dir: Path) -> None:
    """Before any kernel starts, and writing nothing that stays: `out_dir` is a folder this process can write,
    or can be made one. Raises OutputError naming the cause (a regular file on the path, no permission, a
    read-only disk)."""
    here = out_dir
    while not (here.exists() or here.is_symlink()) and here != here.parent:
        here = here.parent
    if not here.is_dir():
        what = "is a file" if here.is_file() else "is not a folder"
        raise OutputError(f"--out {out_dir} {what}, not a folder" if here == out_dir
                          else f"--out {out_dir} cannot be made a folder: {here} {what}")
    if here == out_dir:  # it exists: try it (a file made and removed at once)
        probe = out_dir / f".probe{TMP_MARK}{os.getpid()}"
        try:
            with open(probe, "w") as fh:
                fh.write("x")
        except OSError as exc:
            raise output_problem(out_dir, OSError(exc.errno, exc.strerror, str(out_dir))) from None
        finally:
            probe.unlink(missing_ok=True)
        return
    try:  # it will be made inside `here`: ask, without making it yet (a plan found wrong writes nothing)
        read_only = bool(os.statvfs(here).f_flag & os.ST_RDONLY)
    except OSError:
        read_only = False
    if read_only:
        raise output_problem(out_dir, OSError(errno.EROFS, "read-only", str(here)))
    if not os.access(here, os.W_OK | os.X_OK):
        raise output_problem(out_dir, OSError(errno.EACCES, "permission denied", str(here)))


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
