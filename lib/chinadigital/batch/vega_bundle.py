"""The one script that draws every chart (Vega, Vega-Lite, Vega-Embed from vl-convert's copy), cached per
version, and the gzip+base64 packing the page unpacks with the browser's own DecompressionStream."""

from __future__ import annotations

import base64
import gzip
from functools import lru_cache
from pathlib import Path

from ..dataset.paths import cache_dir
from .outputs import atomic_write

#: The Vega-Lite version every spec is written for and the bundle draws.
VEGA_LITE_VERSION = "5.20"


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed in one script, from vl-convert's own copy: no network at build or view time.

    vl-convert bundles the script anew on each call (about 1.7 CPU-seconds, in every worker of every build),
    and the result depends only on its version and the Vega-Lite version asked for; so the script is kept in
    the user's cache under both (bundle_cache_file) and read from there while they stay the same."""
    import vl_convert as vlc

    cached = bundle_cache_file(vlc.__version__)
    try:
        text = cached.read_text(encoding="utf-8")
        if "vegaEmbed" in text:  # anything else (emptied, overwritten) is bundled again
            return text
    except (OSError, UnicodeDecodeError):
        pass
    text = vlc.javascript_bundle(vl_version=VEGA_LITE_VERSION)
    try:  # a cache that cannot be written costs the bundling next time, nothing else
        atomic_write(cached, text)  # whole or absent: a concurrent reader never sees half a script
    except OSError:
        pass
    return text


def bundle_cache_file(vl_convert_version: str) -> Path:
    """In the suite's cache folder (paths.cache_dir), one file per vl-convert and Vega-Lite version pair."""
    return cache_dir() / f"vega-bundle-vlconvert{vl_convert_version}-vl{VEGA_LITE_VERSION}.js"


def pack(text: str) -> str:
    """gzip then base64: the page unpacks it with the browser's own DecompressionStream.

    The Vega bundle shrinks from about 0.9 MB to 0.4 MB this way, and a chart's spec to a
    fifth, which is what keeps a six-chart report near the weight of a CDN-dependent page.
    mtime=0 keeps the bytes, and so the report, identical from build to build.
    """
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


@lru_cache(maxsize=1)
def packed_bundle() -> str:
    return pack(vega_bundle())


def unpack(data: str) -> str:
    return gzip.decompress(base64.b64decode(data)).decode("utf-8")
