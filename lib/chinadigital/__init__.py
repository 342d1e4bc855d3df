"""chinadigital: a cited dataset on China's digital economy and the library its report notebooks call.

The names below are imported on first use (PEP 562), not with the package: `chinadigital build`
decides that nothing changed without loading pandas, and `import chinadigital` stays cheap.
"""

from importlib import import_module

_LAZY = {
    "Dataset": ".dataset.load", "load": ".dataset.load",
    "ChinadigitalError": ".errors", "DataNotFoundError": ".errors", "DataValidationError": ".errors",
    "ParameterError": ".errors", "Problem": ".errors", "QueryError": ".errors",
    "Period": ".dataset.periods", "parse_period": ".dataset.periods",
    "Report": ".report", "cells_to_keep": ".report",
    "format_number": ".dataset.units", "format_value": ".dataset.units",
}

__all__ = [
    "ChinadigitalError", "DataNotFoundError", "DataValidationError", "Dataset", "ParameterError", "Period",
    "Problem", "QueryError", "Report", "cells_to_keep", "format_number", "format_value", "load", "parse_period", "__version__",
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
    elif name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("chinadigital")
        except PackageNotFoundError:  # running from a source tree that was not installed
            value = "0.0.0+source"
    else:  # a submodule the eager package used to import (chinadigital.dataset.load, ...), imported now
        from importlib.util import find_spec

        if name.startswith("_") or find_spec(f"{__name__}.{name}") is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = import_module(f".{name}", __name__)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
