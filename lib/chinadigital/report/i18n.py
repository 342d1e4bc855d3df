"""Every user-facing string in English and Korean, from one catalogue per language (locales/*.toml).

Names of indicators and entities live in the data (name_en, name_ko, name_zh); the catalogues hold the
interface words, chart titles, finding templates, theme and actor names; this module looks them up, fills
them in, picks Korean particles by sound, and sets a Chinese proper name beside its translation.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from ..dataset.units import LANGS

CATALOGUES = Path(__file__).resolve().parent / "locales"
_PARTICLE = re.compile(r"\(\(([^()/]+/[^()/]+)\)\)")


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """`locales/<lang>.toml` flattened to 'section.key' -> text; [ui] keys are also reachable bare."""
    if lang not in LANGS:
        raise ValueError(f"lang {lang!r} is not one of {', '.join(LANGS)}")
    raw = tomllib.loads((CATALOGUES / f"{lang}.toml").read_text(encoding="utf-8"))
    flat: dict[str, str] = {}
    for section, table in raw.items():
        for key, text in table.items():
            flat[f"{section}.{key}"] = text
    return flat


def section(name: str, lang: str) -> dict[str, str]:
    """One catalogue section as key -> text, for code that hands a whole set of words to a template or a
    script (the report page, the index, the CSV headings)."""
    prefix = f"{name}."
    found = {k[len(prefix):]: v for k, v in catalogue(lang).items() if k.startswith(prefix)}
    if not found:
        raise KeyError(f"no section [{name}] in locales/{lang}.toml")
    return found


#: The clock a reader of each language reads a build time in, as hours from UTC.
CLOCKS = {"en": 0, "ko": 9}


def built_text(built_at: str, lang: str) -> str:
    """A build time ('2026-11-26 01:10 UTC', as the batch records it) as a reader of `lang` writes it, on the
    reader's clock (page.built_format); anything unparseable is shown as given."""
    from datetime import datetime, timedelta, timezone

    try:
        when = datetime.strptime(str(built_at), "%Y-%m-%d %H:%M UTC").replace(tzinfo=timezone.utc)
    except ValueError:
        return str(built_at)
    k = when.astimezone(timezone(timedelta(hours=CLOCKS.get(lang, 0))))
    return t("page.built_format", lang, year=k.year, month=k.month, day=k.day, time=f"{k:%H:%M}")


def t(key: str, lang: str, **fields) -> str:
    """The string `key` in `lang`, with {fields} filled in and Korean particles chosen by sound.

    `key` is 'section.key' (e.g. 'cloud_scale.infra'); a bare key means the [ui] section. In Korean text a
    marker such as ((이었/였)) becomes the form that fits the sound of what precedes it, so a template
    reads "{value}((이었/였))습니다" whatever number fills it.
    """
    cat = catalogue(lang)
    full = key if "." in key else f"ui.{key}"
    try:
        text = cat[full]
    except KeyError:
        raise KeyError(f"no string {full!r} in locales/{lang}.toml; add it to en.toml and ko.toml") from None
    text = text.format(**fields) if fields else text
    if "((" in text:
        text = _particles(text)
    return text


def _particles(text: str) -> str:
    from ..dataset.korean import particle

    out, pos = [], 0
    for m in _PARTICLE.finditer(text):
        before = "".join(out) + text[pos:m.start()]
        out.append(text[pos:m.start()])
        out.append(particle(before, m.group(1)))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def theme_label(theme: str, lang: str) -> str:
    return t(f"theme_{theme}", lang)


def actor_kind_label(kind: str, lang: str) -> str:
    return t(f"actor_{kind}", lang)


def entity_label(entity_row, lang: str, with_zh: bool = True) -> str:
    """'Tencent (腾讯)' / '텐센트(腾讯)': the Chinese name stays beside the translation for Chinese entities."""
    name = entity_row.get(f"name_{lang}") or entity_row["name_en"]
    zh = entity_row.get("name_zh") or ""
    if lang == "ko" and zh:  # Korean papers print the traditional forms: 騰訊, 濟南
        from ..dataset.korean import traditional

        zh = traditional(str(zh))
    if with_zh and zh and entity_row.get("country") == "CN" and entity_row.get("kind") != "country" and zh != name:
        return f"{name} ({zh})" if lang == "en" else f"{name}({zh})"
    return str(name)


def axis_unit(unit: str, scale_word: str, lang: str) -> str:
    """'million people', '억 명', '%', 'billion yuan', '조 원'."""
    word = t(f"unit_{unit}", lang)
    if unit == "percent":
        return "%"
    if lang == "ko":
        return f"{scale_word} {word}".strip() if scale_word else word
    return f"{scale_word} {word}".strip()


_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]


def period_label(period: str, lang: str) -> str:
    """'2020-12' -> 'December 2020' / '2020년 12월'; '2025Q3' -> 'Q3 2025' / '2025년 3분기'."""
    from ..dataset.periods import parse_period

    p = parse_period(period)
    y, m, d = p.start.year, p.start.month, p.start.day
    if p.precision == "interval":
        # A fiscal year is named by the month it closes: "FY to March 2015" / "2015 회계연도(3월 결산)".
        ey, em = p.end.year, p.end.month
        if p.months == 12:
            return f"FY to {_MONTHS_EN[em - 1]} {ey}" if lang == "en" else f"{ey} 회계연도({em}월 결산)"
        return (f"{_MONTHS_EN[m - 1]} {y} to {_MONTHS_EN[em - 1]} {ey}" if lang == "en"
                else f"{y}년 {m}월~{ey}년 {em}월")
    if p.precision == "year":
        return str(y) if lang == "en" else f"{y}년"
    if p.precision == "quarter":
        q = (m - 1) // 3 + 1
        return f"Q{q} {y}" if lang == "en" else f"{y}년 {q}분기"
    if p.precision == "month":
        return f"{_MONTHS_EN[m - 1]} {y}" if lang == "en" else f"{y}년 {m}월"
    return f"{d} {_MONTHS_EN[m - 1]} {y}" if lang == "en" else f"{y}년 {m}월 {d}일"


def join_items(items: list[str], lang: str) -> str:
    """'a, b and c' in English; in Korean 'a, b와 c' with 와/과 chosen by the sound before it."""
    if len(items) <= 1:
        return "".join(items)
    if lang == "en":
        return ", ".join(items[:-1]) + " and " + items[-1]
    from ..dataset.korean import with_particle

    return ", ".join(items[:-2] + [with_particle(items[-2], "과/와") + " " + items[-1]])


#: How a growth rate built on a bound says so, per language: (before, after) the signed percentage.
_GROWTH_BOUND = {
    "en": {"": ("", ""), ">": ("more than ", ""), ">=": ("at least ", ""), "<": ("less than ", ""),
           "<=": ("at most ", ""), "~": ("about ", ""), "~<": ("nearly ", "")},
    "ko": {"": ("", ""), ">": ("", " 초과"), ">=": ("", " 이상"), "<": ("", " 미만"), "<=": ("", " 이하"),
           "~": ("약 ", ""), "~<": ("", " 가까이")},
}


def growth_text(pct: float, qualifier: str, lang: str) -> str:
    """A growth rate as printed: signed, one decimal, with the bound its figures give it ('at least +86.8%');
    in Korean without a plus sign, the direction in words and above 100% in 배 (dataset.korean.growth_ko)."""
    if lang == "ko":
        from ..dataset.korean import growth_ko

        return growth_ko(pct, qualifier)
    pre, post = _GROWTH_BOUND[lang].get(qualifier or "", ("", ""))
    return f"{pre}{pct:+,.1f}%{post}"


def describe_ko(kind: str, title: str, data) -> str:
    """A chart's text alternative in Korean news style: what it shows, the period, the series in brief (a few
    names, then how many: never every legend entry), and a one-line summary of the extremes, each with whose and
    when. Ranks read by their meaning: 1위 is the highest rank, and on a congestion ranking the most congested
    ("가장 혼잡했던 순위는 베이징 1위(2015년), 가장 덜 혼잡했던 순위는 ..."). A single year is one year
    ("2019년", never "2019년~2019년"); years read "2015~2019년", other periods "2013년 1월부터 2015년 4월까지"."""
    from ..dataset.periods import parse_period

    d = data.sort_values("period_start")
    p0, p1 = str(d["period"].iloc[0]), str(data.sort_values("period_end")["period"].iloc[-1])
    first, last = period_label(p0, "ko"), period_label(p1, "ko")
    if first == last:
        periods = first
    elif parse_period(p0).precision == "year" and parse_period(p1).precision == "year":
        periods = f"{p0}~{p1}년"
    else:
        periods = f"{first}부터 {last}까지"
    names = list(dict.fromkeys(str(x) for x in data["series"]))
    # "인터넷 이용자 — CNNIC 조사", "인터넷 이용자 — 원문 기사 재인용": one measure drawn from several sources or bases
    # is named once, with the number of lines, not entry by entry
    bases = list(dict.fromkeys(n.split(" — ")[0] for n in names))
    if len(bases) < len(names):
        shown = join_items(bases, "ko") if len(bases) <= 3 else t("describe_many", "ko", some=", ".join(bases[:2]), n=len(bases))
        series = t("describe_lines", "ko", measures=shown, n=len(names))
    else:
        series = join_items(names, "ko") if len(names) <= 3 else t("describe_many", "ko", some=", ".join(names[:2]), n=len(names))
    values = data["value"].astype(float)
    is_rank = "unit" in data and set(data["unit"]) == {"rank"}
    hi_i, lo_i = (values.idxmin(), values.idxmax()) if is_rank else (values.idxmax(), values.idxmin())

    def who(i) -> str:
        r = data.loc[i]
        return (f"{r['series']} " if len(names) > 1 else "") + str(r["value_text"])

    key = ("describe_congestion" if "혼잡" in title else "describe_rank") if is_rank else "describe_summary"
    summary = t(key, "ko", hi=who(hi_i), hi_when=data.loc[hi_i, "period_text"], lo=who(lo_i), lo_when=data.loc[lo_i, "period_text"])
    return t("describe_news", "ko", kind=t(f"kind_{kind}", "ko"), title=title, periods=periods, series=series, summary=summary)


def axis_title_ko(data, unit_text: str | None) -> str | None:
    """A Korean axis title names measure and unit, "이용자(억 명)", never a bare counter or unit ("개", "조 원").

    The measure is what the rows' indicators share: one indicator's name, or the words its names end in
    ("인터넷 이용자", "모바일 인터넷 이용자" -> "인터넷 이용자"); a rank axis reads "… 순위"."""
    if unit_text is None or "indicator_label" not in getattr(data, "columns", ()):
        return unit_text
    labels = [str(x) for x in dict.fromkeys(data["indicator_label"]) if str(x)]
    if not labels:
        return unit_text
    words = [re.sub(r"\([^()]*\)", "", x).split() for x in labels]
    common: list[str] = []
    for group in zip(*[list(reversed(w)) for w in words]):
        if len(set(group)) != 1:
            break
        common.insert(0, group[0])
    if not common:  # "클라우드 특허 출원", "클라우드 특허 등록" -> "클라우드 특허"
        for group in zip(*words):
            if len(set(group)) != 1:
                break
            common.append(group[0])
    measure = " ".join(common) or "값"
    if not unit_text:
        return measure
    if unit_text == t("unit_rank", "ko"):
        return measure if measure.endswith("순위") else f"{measure} 순위"
    return f"{measure}({unit_text})"
