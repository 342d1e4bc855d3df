"""Moved to chinadigital/batch/build.py: edit it there. This alias goes when the exporter moves into batch/."""

from .batch.build import *  # noqa: F401,F403
