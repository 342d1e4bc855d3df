"""What an event row must mean (data/README.md, "Events"): dates that exist, actor kinds that fit the
actor, themes that exclude some kinds, an investment's title led by its buyer, links to known indicators."""

from __future__ import annotations


from ..errors import Problem
from .periods import parse_period
from .schema_check import Row



def check_event(row: Row) -> list[Problem]:
    try:
        period = parse_period(row["date"])
    except ValueError as exc:
        return [Problem("events.csv", row["_line"], "date", "date", row["date"], str(exc))]
    if row["date_precision"].strip() and period.precision != row["date_precision"].strip():
        return [Problem("events.csv", row["_line"], "date_precision", "date-precision", row["date_precision"],
                        f"the date {row['date']!r} is written at {period.precision} precision")]
    return []


#: Which actor kinds (entities.csv actor_kind; the vocabulary is the schema's enum) fit which kind of entity.
#: A city or province is a local government (at home) or a foreign one; a company is private, state-owned or
#: foreign; an organisation may be any body (an association, an institute, a ministry, an agency abroad).
ACTOR_KINDS_BY_ENTITY_KIND = {
    "country": {"central_government", "foreign_government"},
    "province": {"local_government", "foreign_government"},
    "city": {"local_government", "foreign_government"},
    "company": {"company", "state_owned_company", "foreign_company"},
    "platform": {"company", "state_owned_company", "foreign_company"},
}


#: Actor kinds of bodies outside mainland China (country other than CN) and only of them.
FOREIGN_ACTOR_KINDS = {"foreign_government", "foreign_company", "international_body"}


#: Kinds of event a theme never holds: buying a stake is business, not policy (a stake goes under the theme of
#: the business concerned, payments or cloud, else under investment).
THEME_EXCLUDES_KINDS = {"policy": {"investment"}}


def check_actor_kinds(entities: list[Row], events: list[Row]) -> list[Problem]:
    """Every entity that acts in an event says what kind of actor it is, and the kind fits the entity.

    The timeline groups events by it (central or local government, state-owned or private company, industry
    body, abroad), so it is curated per entity rather than guessed from the entity's kind: a state-owned bank
    is not the central government, and a city running a pilot is a local government.
    """
    out: list[Problem] = []
    actors = {r["actor"].strip() for r in events}
    for ent in entities:
        slug, kind = ent["entity"].strip(), ent["kind"].strip()
        ak, country = ent.get("actor_kind", "").strip(), ent["country"].strip()
        if not ak:
            if slug in actors:
                out.append(Problem("entities.csv", ent["_line"], "actor_kind", "actor-kind-missing", "",
                                   f"{slug} acts in events.csv, so it needs an actor_kind"))
            continue
        fits = ACTOR_KINDS_BY_ENTITY_KIND.get(kind)
        if fits is not None and ak not in fits:
            out.append(Problem("entities.csv", ent["_line"], "actor_kind", "actor-kind-mismatch", ak,
                               f"{slug} is a {kind}; its actor_kind is one of {', '.join(sorted(fits))}"))
        elif country == "CN" and ak in FOREIGN_ACTOR_KINDS:
            out.append(Problem("entities.csv", ent["_line"], "actor_kind", "actor-kind-mismatch", ak,
                               f"{slug} is in China (country CN), so it is not a {ak}"))
        elif country != "CN" and ak not in FOREIGN_ACTOR_KINDS:
            out.append(Problem("entities.csv", ent["_line"], "actor_kind", "actor-kind-mismatch", ak,
                               f"{slug} is outside mainland China (country {country}), so its actor_kind is one of "
                               f"{', '.join(sorted(FOREIGN_ACTOR_KINDS))}"))
    return out


def _leads_with(title: str, name: str, word_boundary: bool) -> bool:
    """Whether `title` starts with `name` as a whole word (English) or as the head of a compound (Korean writes
    알리바바클라우드 for Alibaba's cloud unit, one word)."""
    if not name or not title.startswith(name):
        return False
    rest = title[len(name):]
    return not (word_boundary and rest and (rest[0].isalnum() or rest[0] == "_"))


def check_event_meaning(events: list[Row], entities: list[Row], indicators: dict[str, Row]) -> list[Problem]:
    """What an event's columns claim together: its theme fits its kind, its linked series exist, and a title
    of an investment names the buyer (the actor) as its subject, in both languages."""
    out: list[Problem] = []
    names = {e["entity"].strip(): e for e in entities}
    for row in events:
        line, eid = row["_line"], row["event_id"].strip()
        theme, kind = row["theme"].strip(), row["kind"].strip()
        if kind in THEME_EXCLUDES_KINDS.get(theme, ()):
            out.append(Problem("events.csv", line, "theme", "theme-kind", theme,
                               f"{eid} is of kind {kind}, which never goes under theme {theme}: file it under the "
                               "theme of the business concerned (payments, cloud) or investment"))
        links = row.get("indicators", "").split()
        for slug in links:
            if slug not in indicators:
                out.append(Problem("events.csv", line, "indicators", "unknown-indicator", slug,
                                   f"{eid} links to {slug!r}, which is not in indicators.csv"))
        for slug in sorted({s for s in links if links.count(s) > 1}):
            out.append(Problem("events.csv", line, "indicators", "duplicate-indicator", slug,
                               f"{eid} links to {slug!r} more than once"))
        actor = names.get(row["actor"].strip())
        if kind == "investment" and actor is not None:
            for lang, boundary in (("en", True), ("ko", False)):
                title, name = row[f"title_{lang}"].strip(), actor[f"name_{lang}"].strip()
                if not _leads_with(title, name, boundary):
                    out.append(Problem("events.csv", line, f"title_{lang}", "investment-title", title,
                                       f"{eid} is an investment by {row['actor'].strip()}: its title must start with "
                                       f"the buyer's name {name!r} (entities.csv name_{lang}), so it cannot read as "
                                       "the reverse"))
    return out
