"""Helpers for tests that run real builds: a batch file, a notebooks folder, the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]


def write_toml(path: Path, reports: list[dict]) -> Path:
    lines = []
    for r in reports:
        lines.append("[[report]]")
        lines.append(f'slug = "{r["slug"]}"')
        lines.append(f'notebook = "{r["notebook"]}"')
        if "title" in r:
            lines.append(f'title = {json.dumps(r["title"])}')
        params = ", ".join(f"{k} = {json.dumps(v)}" for k, v in r.get("parameters", {}).items())
        lines.append(f"parameters = {{ {params} }}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def notebooks_copy(dest: Path) -> Path:
    shutil.copytree(REPO / "notebooks", dest)
    return dest


def add_cell_after_check(nb_path: Path, source: str) -> None:
    nb = nbformat.read(nb_path, as_version=4)
    i = next(i for i, c in enumerate(nb.cells) if "check" in c.metadata.get("tags", []))
    nb.cells.insert(i + 1, nbformat.v4.new_code_cell(source))
    nbformat.write(nb, nb_path)


def cli(*args, env=None, timeout=600, **kw) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "chinadigital", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=REPO, **kw)


def cli_imports(*args, env=None, timeout=600) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run the CLI under `python -X importtime`; return the result (importtime lines removed from stderr)
    and the top-level packages the process imported."""
    full_env = {**os.environ, **(env or {})}
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "chinadigital", *args], capture_output=True,
                       text=True, env=full_env, timeout=timeout, cwd=REPO)
    lines = r.stderr.splitlines()
    modules = {ln.rsplit("|", 1)[1].strip().split(".")[0] for ln in lines if ln.startswith("import time:") and "|" in ln}
    modules.discard("imported package")  # the header line
    r.stderr = "\n".join(ln for ln in lines if not ln.startswith("import time:"))
    return r, modules


def package_copy(dest: Path) -> Path:
    """A copy of the chinadigital package to edit: put `dest` first on PYTHONPATH (the build, its workers and
    their kernels inherit it). The copy finds data and notebooks relative to itself, so pass both explicitly."""
    shutil.copytree(REPO / "lib" / "chinadigital", dest / "chinadigital", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def popen(*args, env=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "chinadigital", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, cwd=REPO)


def state(out: Path) -> dict:
    return json.loads((out / ".build-state.json").read_text(encoding="utf-8"))


def log_lines(out: Path) -> list[dict]:
    p = out / ".build-log.jsonl"
    return [json.loads(x) for x in p.read_text().splitlines()] if p.exists() else []


def alive(pid: int) -> bool:
    """True while `pid` runs; a zombie waiting for its parent to reap it counts as gone."""
    try:
        return (Path("/proc") / str(pid) / "status").read_text().split("State:")[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def gone(pids, timeout=15.0) -> bool:
    """Wait up to `timeout` seconds for every one of `pids` to end; True if they all did."""
    deadline = time.time() + timeout
    while time.time() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    return not any(alive(p) for p in pids)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (workers, templates and the kernels they started), read from /proc."""
    parents: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "status").read_text().split("PPid:")[1].split()[0])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out
