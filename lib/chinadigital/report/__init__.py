"""The report layer: what a notebook calls. The report context, parameter contracts, charts and their
contract, the house theme, citations, the text catalogues and one topic module per theme. It imports the
dataset layer, never the batch.

The names below load on first use, so the batch can read parameter contracts without importing pandas.
"""

from importlib import import_module

_LAZY = {"ANSWERS_MIME", "FINDINGS_MIME", "REPORT_MIME", "Finding", "Report", "cells_to_keep"}
__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(".context", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
