"""Korean numbers, counters and particles the way a Korean economic daily prints them.

Pure functions, no dependencies beyond the standard library. Three jobs:

* ``format_number_ko`` / ``format_value_ko``: numbers grouped by 만/억/조/경 with a
  comma inside each group and a space between groups ("6억 4,900만", "9경 3,530조"),
  with their counter or currency and qualifier ("2억 1,739만 명", "약 400억 위안").
* ``particle`` / ``with_particle``: 이/가, 은/는, 을/를, 과/와, (으)로, 이었/였 ... chosen by
  the final sound of the text *as read aloud*, so "14조 2,476억 원" + 이었/였 gives
  "원이었", "2위" gives "2위였", "10%" (십 퍼센트) gives "10%가".
* ``final_consonant``: that final sound, for anyone who needs it directly.
* ``problems_ko``: finds breaches of these rules in rendered Korean text (a counter glued
  to 만/억/조/경, a qualifier symbol, a copula or (으)로 that does not fit the sound), for
  tests that scan whole pages.

House rules (why they are what they are)
----------------------------------------
1. **Grouping by 만 (10^4).** Korean readers count in 만/억/조/경, not in thousands; each
   group keeps its thousands separator and groups are separated by a space (한글 맞춤법
   제44항): 649000000 -> "6억 4,900만". Empty groups are skipped ("10억 5만"). Above 경
   the 경 group simply grows ("12,000경"); no 해.
2. **No false precision.** ``sig`` rounds the value to that many significant digits
   (half up, as 반올림) *before* grouping, so a converted "about US$380 billion" read
   from a 2-significant-figure source prints "440조", never "440조 9,520억". Rounding
   carries across groups (99,995,000 at sig=4 -> "1억"). Without ``sig`` the top group
   and the group right below it are kept (today's behaviour: "6억 4,900만",
   "9경 3,529조"); plain numbers below 만 keep up to two decimals. Trailing zeros after
   a decimal point are dropped.
3. **Counters** (명, 건, 개, 곳, 대, 개사, 종, 위, and any other Hangul counter): attached
   to bare digits ("153건", "4,200명", "5위", "1만 2,345명") but separated by a space
   after a unit word 만/억/조/경 ("5억 명", "100만 대", "2억 1,739만 명"), as the press
   writes it (맞춤법 제43항: a unit noun is spaced, but may be attached to Arabic digits).
4. **Currencies as words, always spaced**: "9조 위안", "440조 원", "3억 달러", "4,200 원";
   never "KRW"/"USD"/"CNY" on a Korean page. Latin unit symbols are spaced too
   ("100 Tbps"). Percent is attached ("57.7%"); percentage points are "3.2%포인트".
5. **Qualifiers as words only**, never a symbol and a word together: ">" -> "… 초과",
   ">=" -> "… 이상", "<" -> "… 미만", "<=" -> "… 이하", "~" -> "약 …", "~<" -> "… 가까이".
   A converted exact figure (``approx=True``) is "약 …" too, because "≈" is not Korean prose;
   a converted bound keeps its bound word alone: one qualifier word per value, never "약 … 초과".
6. **Particles from the sound, not the spelling.** Korean readers read digits in Korean
   (2 이, 3 삼, 10 십, 100 백, 1000 천, 10000 만; decimals digit by digit: 57.7 -> 칠),
   symbols by name (% 퍼센트, ‰ 퍼밀, + 플러스), acronyms letter by letter (GDP 지디피,
   CNNIC 씨엔엔아이씨, QR 큐알, IDC 아이디씨) and known names and units through
   ``LATIN_READINGS`` (Tbps 티비피에스, PBoC 피비오씨). Closing brackets are skipped
   together with what they enclose ("텐센트(腾讯)" is read "텐센트"; a citation "[3]" is
   not read), closing quotes and full stops alone. (으)로 takes 로 after ㄹ ("1로",
   "서울로"). Text whose ending cannot be read (e.g. Chinese characters only) raises
   ValueError instead of guessing; pass ``reading=`` to say how it is read.

One module per job: ``korean_numbers``, ``korean_particles``, ``korean_checks`` (rendered text);
import from here.
"""

from __future__ import annotations

from .korean_numbers import (COUNTERS, CURRENCY_WORDS, QUALIFIER_WORDS, UNIT_WORDS, format_number_ko,
                             format_value_ko, significant_digits)
from .korean_particles import (LATIN_READINGS, PAIRS, final_consonant, particle, with_particle)
from .korean_checks import (FIRST_MENTIONS, GLOSSARY_VARIANTS, READER_BANNED, TRADITIONAL, axis_title_problems,
                            desk_problems, glossary_problems, growth_ko, problems_ko, simplified_problems,
                            traditional)

__all__ = ["COUNTERS", "CURRENCY_WORDS", "FIRST_MENTIONS", "GLOSSARY_VARIANTS", "LATIN_READINGS", "PAIRS",
           "QUALIFIER_WORDS", "READER_BANNED", "TRADITIONAL", "UNIT_WORDS", "axis_title_problems", "desk_problems",
           "final_consonant", "format_number_ko", "format_value_ko", "glossary_problems", "growth_ko", "particle",
           "problems_ko", "significant_digits", "simplified_problems", "traditional", "with_particle"]
