"""Moved to chinadigital/batch/outputs.py: edit it there. This alias goes when the exporter moves into batch/."""

from .batch.outputs import *  # noqa: F401,F403
