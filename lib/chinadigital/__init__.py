"""chinadigital: a cited dataset on China's digital economy and the library its report notebooks call."""

from importlib.metadata import PackageNotFoundError, version as _version

from .data import Dataset, load
from .errors import ChinadigitalError, DataNotFoundError, DataValidationError, ParameterError, Problem, QueryError
from .periods import Period, parse_period
from .report import Report, cells_to_keep
from .units import format_number, format_value

try:
    __version__ = _version("chinadigital")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"

__all__ = [
    "ChinadigitalError", "DataNotFoundError", "DataValidationError", "Dataset", "ParameterError", "Period",
    "Problem", "QueryError", "Report", "cells_to_keep", "format_number", "format_value", "load", "parse_period", "__version__",
]
