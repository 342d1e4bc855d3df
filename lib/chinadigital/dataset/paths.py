"""Every path the suite knows, in one leaf module.

The dataset is found relative to this file, not the working directory, so a
notebook opened from anywhere (JupyterLab's root, `notebooks/`, a papermill
temp dir) loads the same data.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DataNotFoundError

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # lib/chinadigital
REPO_ROOT = PACKAGE_DIR.parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
REPORTS_DIR = REPO_ROOT / "reports"
DATA_ENV_VAR = "CHINADIGITAL_DATA"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """Resolve the dataset folder: explicit argument, then $CHINADIGITAL_DATA, then the repo's data/."""
    if override is not None:
        candidate, how = Path(override), "the data_dir argument"
    elif os.environ.get(DATA_ENV_VAR):
        candidate, how = Path(os.environ[DATA_ENV_VAR]), f"${DATA_ENV_VAR}"
    else:
        candidate, how = DEFAULT_DATA_DIR, "the package's default location"
    candidate = candidate.expanduser().resolve()
    if not (candidate / "datapackage.json").is_file():
        raise DataNotFoundError(
            f"no dataset at {candidate} (from {how}): expected a folder holding datapackage.json. "
            f"Pass data_dir=..., set {DATA_ENV_VAR}, or run from a checkout of the repository."
        )
    return candidate


def cache_dir() -> Path:
    """Where builds keep what they can make again (the drawing script, chart pictures): $CHINADIGITAL_CACHE,
    else $XDG_CACHE_HOME/chinadigital, else ~/.cache/chinadigital."""
    root = os.environ.get("CHINADIGITAL_CACHE") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chinadigital"
    return Path(root)
