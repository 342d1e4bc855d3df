"""Moved to chinadigital/batch/jobs.py: edit it there. This alias goes when the exporter moves into batch/."""

from .batch.jobs import *  # noqa: F401,F403
