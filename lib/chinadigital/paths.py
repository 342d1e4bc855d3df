"""Moved to chinadigital/dataset/paths.py: edit it there. This alias goes when the exporter moves into batch/."""

from .dataset.paths import *  # noqa: F401,F403
