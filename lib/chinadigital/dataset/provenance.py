"""How checkable the dataset is (`chinadigital validate --stats`): the share of figures citing an issuer
or original publisher, and of rows that say how and where their source writes them."""

from __future__ import annotations


def provenance_stats(observations, sources, fx=None, events=None) -> dict:
    """How checkable the dataset is: rows citing an issuer or original publisher, stated and located rows.

    A reader can trust a figure most when its citation leads to the body that
    produced it (issuer) or the outlet that first published it (original),
    rather than a repost; and when the row says how and where the source
    writes it. These counts make that visible, so a curator can see progress.
    """
    origin = dict(zip(sources["source_id"], sources.get("origin", [""] * len(sources))))
    obs_origin = [origin.get(s, "") for s in observations["source_id"]]
    n = len(observations)
    primary = sum(o in ("issuer", "original") for o in obs_origin)
    stated = int((observations.get("stated", "").astype(str).str.strip() != "").sum()) if n else 0
    located = int((observations.get("locator", "").astype(str).str.strip() != "").sum()) if n else 0
    out = {
        "observations": n,
        "issuer": sum(o == "issuer" for o in obs_origin),
        "original": sum(o == "original" for o in obs_origin),
        "copy": sum(o == "copy" for o in obs_origin),
        "primary_share": (100.0 * primary / n) if n else 0.0,
        "stated": stated,
        "located": located,
        "sources_http": int(sources["url"].astype(str).str.startswith("http://").sum()),
    }
    if fx is not None:
        out["fx"] = len(fx)
        out["fx_stated"] = int((fx.get("stated", "").astype(str).str.strip() != "").sum()) if len(fx) else 0
    if events is not None:
        out["events"] = len(events)
        out["events_located"] = int((events.get("locator", "").astype(str).str.strip() != "").sum()) if len(events) else 0
    return out
