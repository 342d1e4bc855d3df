"""The command line, run as a user runs it: a real subprocess."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO, set_cell


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "chinadigital", *args], cwd=cwd, capture_output=True, text=True)


def test_validate_clean_dataset_prints_one_summary_line(tmp_path):
    out = run("validate", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ok: ") and "observations" in lines[0]


def test_validate_broken_dataset_lists_every_problem_and_exits_1(data_copy):
    line_a = set_cell(data_copy, "observations.csv", 0, "value", "lots")
    line_b = set_cell(data_copy, "events.csv", 1, "actor", "atlantis")
    out = run("validate", "--data", str(data_copy))
    assert out.returncode == 1
    assert f"observations.csv:{line_a} value: [type]" in out.stdout
    assert f"events.csv:{line_b} actor: [foreign-key]" in out.stdout
    assert "'atlantis'" in out.stdout
    assert "2 problem(s)" in out.stderr


def test_console_script_is_installed():
    import shutil

    exe = shutil.which("chinadigital") or str(REPO / ".venv" / "bin" / "chinadigital")
    out = subprocess.run([exe, "validate"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_missing_data_folder_is_a_clear_error(tmp_path):
    out = run("validate", "--data", str(tmp_path / "nowhere"))
    assert out.returncode == 1
    assert "no dataset at" in out.stderr and "nowhere" in out.stderr
