"""Moved to chinadigital/report/i18n.py: edit it there. This alias goes when the exporter moves into batch/."""

from .report.i18n import *  # noqa: F401,F403
