"""Times: DATE/TIME mentions normalised in TIMEX3 style against the publication date.

News conventions: a bare weekday is the most recent such day, the
publication day included, unless its clause is in the future ("will meet
Monday"), which looks ahead; a month or a day without a year is read the
same way. "next week" is a week (2015-W48), not a day; "overnight" is the
night before publication; "to date" is PRESENT_REF. Business news: "a year
ago" in a story about a quarter is that quarter a year before (1988-Q3).
The value keeps the granularity the text gives: "March" is 1998-03.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from functools import lru_cache

from spacy.tokens import Span as SpacySpan, Token

from chronicle.extract.base import Context, register
from chronicle.knowledge.base import table
from chronicle.records import Time

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
           "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "several": None, "few": None}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H", "minute": "M", "decade": "DE"}
AHEAD_COST = 2  # a year-less date ahead of publication is less likely than one behind it
PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
# Expressions the statistical model does not tag as DATE/TIME.
EXTRA = re.compile(r"\b(overnight|over night|to date|recently|currently|nowadays|now|today|the future|"
                   r"daily|weekly|monthly|annually|"
                   r"every (?:day|week|month|year)|in recent (?:days|weeks|months))\b", re.IGNORECASE)
# A month and a day the model can miss ("the Aug. 7 bombings"); capitals only, so "may 5" is not one.
DAY_OF_MONTH = re.compile(r"\b(?:(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.|" + "|".join(m.title() for m in MONTHS) +
                          r")\s\d{1,2}\b(?!,?\s\d{4}|:)")
# A piece of a split expression is a time only with one of these ("April 24 and 25": "25" alone is not).
TIME_WORD = re.compile(r"\b(?:\d{4}s?|\d{1,2}:\d\d|" + "|".join(MONTHS + WEEKDAYS) + "|(?:jan|feb|mar|apr|jun|jul|aug|"
                       r"sept?|oct|nov|dec)\.?|day|week|weekend|month|year|quarter|period|decade|century|now|today|"
                       r"tonight|yesterday|tomorrow|morning|afternoon|evening|night|spring|summer|fall|autumn|"
                       r"winter|fiscal|a\.m\.|p\.m\.)s?\b", re.I)


@lru_cache(maxsize=1)
def _holidays() -> tuple[dict[str, str], re.Pattern]:
    """Named days from time_words.csv (name -> date rule) and a pattern that finds them, capitalised, in text."""
    rules = {row["word"].lower(): row.get("value") or "" for row in table("time_words.csv")
             if row.get("kind") == "holiday" and row.get("word")}
    names = _alternation(frozenset(rules))
    return rules, re.compile(rf"\b(?:(?:last|next|this) )?(?i:{names})\b" if rules else r"(?!)")


def _easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_on(rule: str, year: int) -> dt.date | None:
    m = re.fullmatch(r"(?:EASTER|(\d\d)-(?:(\d\d)|([1-4L])([A-Z]{3})))([+-]\d+)?", rule)
    if not m:
        return None
    if rule.startswith("EASTER"):
        day = _easter(year)
    elif m.group(2):
        day = dt.date(year, int(m.group(1)), int(m.group(2)))
    else:
        weekday = [w[:3].upper() for w in WEEKDAYS].index(m.group(4))
        first = dt.date(year, int(m.group(1)), 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
        if m.group(3) == "L":
            while (day + dt.timedelta(weeks=1)).month == first.month:
                day += dt.timedelta(weeks=1)
        else:
            day += dt.timedelta(weeks=int(m.group(3)) - 1)
    return day + dt.timedelta(days=int(m.group(5) or 0))


def _holiday(t: str, anchor: dt.date, tense: str | None) -> tuple[str, str] | None:
    """'Thanksgiving Day', 'last Christmas': the nearest such day, looking the way the words or the tense point."""
    m = re.fullmatch(r"(?:(last|next|this) )?(.+?)( week)?", t)
    rule = _holidays()[0].get(m.group(2))
    if not rule:
        return None
    way = {"last": "past", "next": "future"}.get(m.group(1) or "", tense)
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        day = _holiday_on(rule, year)
        if day is None or way == "past" and day > anchor or way == "future" and day < anchor:
            continue
        cost = (anchor - day).days if day <= anchor else (day - anchor).days * AHEAD_COST
        if best is None or cost < best[0]:
            best = (cost, day)
    if best is None:
        return None
    # "Easter week": the ISO week that holds the day
    return "DATE", iso_week(best[1]) if m.group(3) else best[1].isoformat()


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    """time_words.csv by kind."""
    by_kind: dict[str, set[str]] = defaultdict(set)
    for row in table("time_words.csv"):
        if row.get("word") and row.get("kind"):
            by_kind[row["kind"]].add(row["word"].lower())
    return {k: frozenset(v) for k, v in by_kind.items()}


def _alternation(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    """(leading modifiers, joining words)."""
    w = _words()
    return (re.compile(rf"^(?:(?:the\s+)?(?:{_alternation(w['modifier'])})(?:\s+|-))+"),
            re.compile(rf"\s+(?:{_alternation(w['split'])})\s+|(?<=\d{{4}}),\s*(?=\d{{4}})|,?\s+and\s*$", re.I))


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _under_100(text: str) -> int | None:
    """'ninety-seven', 'ninety seven', 'nineteen', 'seven' -> the number."""
    parts = re.split(r"[- ]", text.strip())
    if len(parts) == 1:
        return TENS.get(parts[0]) or NUMBERS.get(parts[0])
    if len(parts) == 2 and parts[0] in TENS and (NUMBERS.get(parts[1]) or 0) < 10:
        return TENS[parts[0]] + (NUMBERS.get(parts[1]) or 0)
    return None


def _spoken_year(t: str) -> str | None:
    """Years as broadcast transcripts write them: 'nineteen ninety-seven', 'the year two thousand'."""
    t = re.sub(r"^(?:the )?year ", "", t)
    m = re.fullmatch(r"(eighteen|nineteen|twenty) ([a-z -]+)", t)
    if m and (n := _under_100(m.group(2))) is not None and n >= 10:
        return f"{NUMBERS[m.group(1)] * 100 + n:04d}"
    m = re.fullmatch(r"two thousand(?:(?: and)? ([a-z -]+))?", t)
    if m:
        n = _under_100(m.group(1)) if m.group(1) else 0
        return None if n is None else f"{2000 + n:04d}"
    return None


def _year_of(month: int, day: int | None, anchor: dt.date, tense: str | None, weekday: int | None = None) -> int:
    """The year of a year-less date: the past looks back, the future ahead, else the nearest
    (looking back counts double: news reports more than it announces). A weekday written with
    the date decides ("Monday, Oct. 26")."""
    best, best_cost = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            first = dt.date(year, month, day or 1)
        except ValueError:
            continue
        last = first if day else (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        if weekday is not None and first.weekday() != weekday:
            continue
        if tense == "past" and first > anchor or tense == "future" and last < anchor:
            continue
        cost = 0 if first <= anchor <= last else (anchor - last).days if last < anchor else (first - anchor).days * AHEAD_COST
        if best_cost is None or cost < best_cost:
            best, best_cost = year, cost
    return best


def _reference(t: str) -> str | None:
    for kind, value in (("present_ref", "PRESENT_REF"), ("past_ref", "PAST_REF"), ("future_ref", "FUTURE_REF")):
        if t in _words().get(kind, ()):
            return value
    return None


def _strip(t: str) -> str:
    """Without prepositions and modifiers that keep the value ('earlier this month', 'the end of 1994')."""
    modifiers, _ = _patterns()
    while True:
        s = modifiers.sub("", t)
        if s == t:
            s = re.sub(r"^(?:on|in|at|by|since|until|from|during|for|over|the|this past)\s+", "", t)
        if s == t or not s:
            return t
        t = s


@lru_cache(maxsize=50_000)
def normalise(text: str, anchor: dt.date | None, tense: str | None = None,
              quarter: str | None = None) -> tuple[str, str | None]:
    """(TIMEX3 type, value) for an expression, resolved against `anchor`.

    `tense` ("past" or "future") is that of the clause the expression is in; `quarter` the
    quarter the article reports on ("1989-Q3"), which "a year ago" refers back to.
    """
    t = re.sub(r"\s+", " ", text.strip().lower()).rstrip(".,;")
    ref = _reference(t) or _reference(re.sub(r"^(?:the|in|on|at|for|over|until)\s+", "", t))
    if ref:
        return "DATE", ref
    t = _strip(t)
    ref = _reference(t)
    if ref:
        return "DATE", ref
    if t in ("daily", "every day"):
        return "SET", "P1D"
    if t in ("weekly", "every week"):
        return "SET", "P1W"
    if t in ("monthly", "every month"):
        return "SET", "P1M"
    if t in ("annually", "every year", "yearly"):
        return "SET", "P1Y"
    m = re.fullmatch(r"(?:the )?(past|last|next|coming|previous) (\w+) (day|week|month|year|hour)s?", t)
    if m and _count(m.group(2)):
        return "DURATION", f"P{'T' if m.group(3) == 'hour' else ''}{_count(m.group(2))}{UNITS[m.group(3)]}"
    m = re.fullmatch(r"(?:about |nearly |more than |some |over |almost |roughly )?(\w+|\d+)[- ]"
                     r"(day|week|month|year|hour|minute|decade)s?(?: long| old)?", t)
    if m and _count(m.group(1)):
        unit = m.group(2)
        return "DURATION", f"P{'T' if unit in ('hour', 'minute') else ''}{_count(m.group(1))}{UNITS[unit]}"
    spoken = _spoken_year(t)
    if spoken:
        return "DATE", spoken
    m = re.fullmatch(r"(" + "|".join(MONTHS) + r"),? ([a-z -]+)", t)
    if m and (spoken := _spoken_year(m.group(2))):
        return "DATE", f"{spoken}-{MONTHS.index(m.group(1)) + 1:02d}"
    m = re.fullmatch(r"(?:the |a )?(\d{1,2})(?:st|nd|rd|th)[- ]century", t)
    if m:
        return "DATE", f"{int(m.group(1)) - 1:02d}"
    if anchor is None:
        return ("TIME" if re.search(r"\b(morning|evening|night|afternoon|a\.?m\.?|p\.?m\.?)\b", t) else "DATE"), None
    return _relative(t, anchor, tense, quarter) or _dateparser(t, anchor)


def _relative(t: str, anchor: dt.date, tense: str | None, quarter: str | None) -> tuple[str, str] | None:
    """Expressions whose value depends on the publication date."""
    if t in ("today", "this day"):
        return "DATE", anchor.isoformat()
    if t in ("tonight", "this evening"):
        return "TIME", anchor.isoformat() + "TNI"
    if t in ("this morning",):
        return "TIME", anchor.isoformat() + "TMO"
    if t in ("this afternoon", "afternoon"):
        return "TIME", anchor.isoformat() + "TAF"
    if t in ("yesterday",):
        return "DATE", (anchor - dt.timedelta(days=1)).isoformat()
    if t in ("tomorrow",):
        return "DATE", (anchor + dt.timedelta(days=1)).isoformat()
    if t in ("overnight", "over night", "last night"):
        return "TIME", (anchor - dt.timedelta(days=1)).isoformat() + "TNI"
    m = re.fullmatch(r"(\d{1,2})(?::(\d\d))? ?([ap])\.?m\.?(?: [a-z]{2,4})? (.+)", t)
    if m and WEEKDAY.fullmatch(m.group(4)):
        # "9 a.m. Tuesday": that day, at that hour (a time zone written with it is the story's own)
        day = _relative(m.group(4), anchor, tense, quarter)
        if day and day[0] == "DATE":
            hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
            return "TIME", f"{day[1]}T{hour:02d}:{m.group(2) or '00'}"
    found = _year_ago(t, anchor, quarter) or _holiday(t, anchor, tense)
    if found:
        return found
    m = re.fullmatch(r"(?:the )?week of (.+)", t)
    if m:
        # "the week of March 6": the ISO week holding that day
        found = _relative(m.group(1), anchor, tense, quarter)
        if found and re.fullmatch(r"\d{4}-\d\d-\d\d", found[1]):
            return "DATE", iso_week(dt.date.fromisoformat(found[1]))
    if found:
        return found
    m = re.fullmatch(r"(\w+) (day|week|month|year|decade)s? (?:ago|earlier|before)", t)
    if m and _count(m.group(1)):
        n, unit = _count(m.group(1)), m.group(2)
        if unit == "decade":
            n, unit = n * 10, "year"
        if unit == "day":
            return "DATE", (anchor - dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return "DATE", iso_week(anchor - dt.timedelta(weeks=n))
        if unit == "month":
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
            return "DATE", f"{y:04d}-{mo + 1:02d}"
        return "DATE", f"{anchor.year - n:04d}"
    if t in ("weekend", "the weekend"):
        # the weekend just past, or the coming one in a clause about the future
        day = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7) if tense == "future" else \
            anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        return "DATE", iso_week(day) + "-WE"
    m = re.fullmatch(r"(last|next|this|coming|past) (week|month|year|weekend)", t)
    if m:
        shift = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[m.group(1)]
        unit = m.group(2)
        if unit in ("week", "weekend"):
            day = anchor + dt.timedelta(weeks=shift)
            return "DATE", iso_week(day) + ("-WE" if unit == "weekend" else "")
        if unit == "month":
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
            return "DATE", f"{y:04d}-{mo + 1:02d}"
        return "DATE", f"{anchor.year + shift:04d}"
    m = re.fullmatch(r"(last |next |this |this past |this coming )?(monday|tuesday|wednesday|thursday|friday|"
                     r"saturday|sunday)(?: (morning|afternoon|evening|night))?", t)
    if m:
        target = WEEKDAYS.index(m.group(2))
        back = (anchor.weekday() - target) % 7
        word = (m.group(1) or "").strip()
        if word in ("next", "this coming") or (not word and tense == "future"):
            ahead = (target - anchor.weekday()) % 7
            day = anchor + dt.timedelta(days=ahead or (7 if word == "next" else 0))
        elif word == "last":
            day = anchor - dt.timedelta(days=back or 7)
        else:
            day = anchor - dt.timedelta(days=back)  # news default: the most recent such day, today included
        # news writes "Sunday night" for the day's events: only the day is sure
        part = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV"}.get(m.group(3) or "")
        return ("TIME", day.isoformat() + part) if part else ("DATE", day.isoformat())
    found = _calendar(t, anchor, tense, quarter)
    if found:
        return found
    m = re.fullmatch(r"(?:fiscal (?:year )?)?(\d{4})", t)
    if m:
        return "DATE", m.group(1)
    m = re.fullmatch(r"(" + "|".join(MONTHS) + r")(?:,? (\d{4}))?", t)
    if m:
        month = MONTHS.index(m.group(1)) + 1
        if m.group(2):
            return "DATE", f"{int(m.group(2)):04d}-{month:02d}"
        return "DATE", f"{_year_of(month, None, anchor, tense):04d}-{month:02d}"
    return None


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
           "nineties": 9}
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
YEAR_AGO = re.compile(r"\b(?:(?:a|one) year (?:ago|earlier|before)|year[- ](?:ago|earlier)|last year's|"
                      r"(?:period|quarter) (?:of )?last year|(?:the )?same (?:period|quarter) a year)\b")
ORDINAL = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\b")


def _latest_quarter(anchor: dt.date, quarter: str | None) -> tuple[int, int]:
    """The quarter the article reports on: the one it names, else the last one ended before publication."""
    if quarter:
        return int(quarter[:4]), int(quarter[-1])
    q = (anchor.month - 1) // 3
    return (anchor.year, q) if q else (anchor.year - 1, 4)


def _year_ago(t: str, anchor: dt.date, quarter: str | None) -> tuple[str, str] | None:
    """'a year ago', 'the year-earlier quarter', 'last year's third quarter': a year before the reported period."""
    if not YEAR_AGO.search(t):
        return None
    year, q = _latest_quarter(anchor, quarter)
    ordinal = ORDINAL.search(t)
    if ordinal:
        q = ORDINALS[ordinal.group(1)]
    if "quarter" in t or "period" in t or ordinal or quarter:
        return "DATE", f"{year - 1}-Q{q}"
    return "DATE", f"{anchor.year - 1}"


def _quarter(t: str, anchor: dt.date, quarter: str | None) -> tuple[str, str] | None:
    """Quarters and halves: 'the third quarter', 'the 1988 second quarter', 'next year's first quarter'."""
    m = re.fullmatch(r"(?:the |its |their )?(?:first|1st) (half|two quarters)(?: of (?:fiscal )?(\d{4}))?|"
                     r"(?:the |its |their )?(?:second|2nd) half(?: of (?:fiscal )?(\d{4}))?", t)
    if m:
        year = m.group(2) or m.group(3) or str(anchor.year)
        return "DATE", f"{year}-H{1 if m.group(1) else 2}"
    m = re.fullmatch(r"(?:the |its |their |a )?(?:(\d{4}) |(this|last|next) year's |(?:fiscal|latest|same|current|"
                     r"recent|past|previous|last|this|next|coming)[- ])*(?:(first|second|third|fourth|1st|2nd|3rd|4th)"
                     r"[- ](?:fiscal[- ])?)?quarter(?: of (?:fiscal )?(\d{4}))?", t)
    if not m:
        return None
    year, q = _latest_quarter(anchor, quarter)
    if m.group(3):
        q = ORDINALS[m.group(3)]
        year = anchor.year if not quarter else year
    elif re.search(r"\b(current|this)\b", t) and not m.group(2):
        year, q = anchor.year, (anchor.month - 1) // 3 + 1
    elif re.search(r"\b(next|coming)\b", t) and not m.group(2):
        year, q = anchor.year + (anchor.month > 9), (anchor.month - 1) // 3 % 4 + 2 if anchor.month <= 9 else 1
    explicit = m.group(1) or m.group(4)
    if explicit:
        year = int(explicit)
    elif m.group(2):
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
    return "DATE", f"{year}-Q{q}"


def _calendar(t: str, anchor: dt.date, tense: str | None, quarter: str | None) -> tuple[str, str] | None:
    """Quarters, seasons, decades and months relative to the anchor, as business and wire news write them."""
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "current": 0}
    found = _quarter(t, anchor, quarter)
    if found:
        return found
    m = re.fullmatch(r"(?:(last|this|next|past|coming) )?(spring|summer|fall|autumn|winter)(?: of (\d{4}))?", t)
    if m:
        year = int(m.group(3)) if m.group(3) else anchor.year + shift.get(m.group(1) or "this", 0)
        return "DATE", f"{year}-{SEASONS[m.group(2)]}"
    if re.fullmatch(r"(?:(?:this|the current|current|the|the full|full|the whole|the entire|the fiscal|the "
                    r"current fiscal|this fiscal) )?(?:fiscal )?year(?:'s end| end|-end|-to-date)?|year's end|"
                    r"the year's end|the end of the year|the year to date", t):
        return "DATE", f"{anchor.year}"
    if t in ("this century", "the current century", "the present century"):
        return "DATE", f"{anchor.year // 100:02d}"
    if t in ("month", "the month", "the current month"):
        return "DATE", f"{anchor.year:04d}-{anchor.month:02d}"
    m = re.fullmatch(r"(?:the )?(\d{3})0'?s", t)
    if m:
        return "DATE", m.group(1)
    m = re.fullmatch(r"(?:the )?(" + "|".join(DECADES) + ")", t)
    if m:
        return "DATE", f"19{DECADES[m.group(1)]}"
    m = re.fullmatch(r"(last|this|next) (" + "|".join(MONTHS) + ")", t)
    if m:
        month = MONTHS.index(m.group(2)) + 1
        year = anchor.year + (-1 if m.group(1) == "last" and month >= anchor.month else
                              1 if m.group(1) == "next" and month <= anchor.month else 0)
        return "DATE", f"{year:04d}-{month:02d}"
    m = re.fullmatch(r"(" + "|".join(MONTHS) + r") (last|this|next) year", t)
    if m:
        return "DATE", f"{anchor.year + shift[m.group(2)]:04d}-{MONTHS.index(m.group(1)) + 1:02d}"
    # "Nov. 17", "August 6": a month and day without a year, in the year the clause's tense points to
    m = re.fullmatch(r"(last )?(?:(" + "|".join(WEEKDAYS) + r"),? )?([a-z]{3})[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?", t)
    if m and m.group(3) in MONTH_ABBR:
        month, day = MONTH_ABBR[m.group(3)], int(m.group(4))
        weekday = WEEKDAYS.index(m.group(2)) if m.group(2) else None
        year = _year_of(month, day, anchor, "past" if m.group(1) else tense, weekday)
        try:
            return "DATE", dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _dateparser(text: str, anchor: dt.date) -> tuple[str, str | None]:
    import dateparser  # slow to import; most expressions never need it

    has_time = re.search(r"\d{1,2}(:\d{2})|\b(a\.?m\.?|p\.?m\.?)", text)
    settings = {"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time(12)), "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd strings; an unresolved time is not fatal
        parsed = None
    if parsed is None:
        return ("TIME" if has_time else "DATE"), None
    if has_time:
        return "TIME", parsed.strftime("%Y-%m-%dT%H:%M")
    has_day = re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", re.sub(r"\b\d{4}\b", "", text))
    if has_day:
        return "DATE", parsed.date().isoformat()
    return "DATE", parsed.strftime("%Y-%m")


def tense(ent: SpacySpan) -> str | None:
    """'past' or 'future' for the clause a time expression modifies, else None."""
    w = _words()
    before = ent.doc[max(ent.start - 3, 0):ent.start].text.lower()
    if before.endswith(("as soon as", "as early as", "no later than")):
        return "future"
    verb = ent.root
    prep = None
    if verb.head.pos_ == "ADP" and verb.dep_ == "pobj":
        verb = prep = verb.head  # "on Monday": the preposition hangs from the verb
    verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None  # the time modifies a noun or an adjective ("payable Dec. 7"): its clause's tense is not its own
    if prep is not None and prep.lower_ in ("until", "till") and (
            verb.lemma_.lower() in w.get("defer_verb", ()) or verb.tag_ in ("VBZ", "VBP")):
        return "future"  # "postponed until Tuesday", "has until Tuesday": the day is still ahead
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "acomp") and chain[-1].head.i != chain[-1].i and len(chain) < 4:
        chain.append(chain[-1].head)  # "is scheduled to close Monday": the governing verb decides
    for v in chain:
        lemma = v.lemma_.lower()
        # the verb governing the time itself: "has scheduled a meeting Thursday", "was planned for March", but
        # not "planned it Monday" or "the record set on Aug. 6", where the day is that of the act
        if lemma in w.get("future_verb", ()) and (v is not verb or v.tag_ != "VBD" and (v.tag_ != "VBN" or any(
                c.dep_ in ("aux", "auxpass") for c in v.children))):
            return "future"  # "is expected to close Monday", "was planned for March"
        if any(c.dep_ == "aux" and c.lower_ in w.get("future_aux", ()) for c in v.children):
            return "future"
    if prep is not None and prep.lower_ in ("until", "till", "to", "through", "by"):
        return None  # a limit, which a past act may set ahead ("extended to Nov. 16"): the nearest such date
    if past_clause(verb):
        return "past"
    if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP")
                                  for c in verb.children):
        return "future"  # "are meeting in Istanbul on Tuesday": the present progressive of an arrangement
    return None


def past_clause(verb: Token) -> bool:
    """Whether a verb's clause is in a past tense: "met", "did not meet", "was attacked", "has met"."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux) \
        or verb.tag_ == "VBN" and any(a.dep_ == "aux" and a.lemma_ == "have" for a in aux)


DAY_PART = re.compile(r"(?:morning|afternoon|evening|night)", re.I)
CLOCK = re.compile(r"\d{1,2}(?::\d\d)? ?[ap]\.?m\.?(?: [a-z]{2,4})?", re.I)
WEEKDAY = re.compile(r"(?:early |late )?(?:" + "|".join(WEEKDAYS) + ")", re.I)


def _joined(ents: list[SpacySpan], text: str) -> list[tuple[SpacySpan, int, int]]:
    """DATE/TIME entities with the ones the model splits joined again: 'Friday' + 'morning',
    '9 a.m.' + 'Tuesday' are one expression (a day and a time of it)."""
    out: list[tuple[SpacySpan, int, int]] = []
    for ent in ents:
        if out and text[out[-1][2]:ent.start_char].strip() == "":
            first, a, b = out[-1]
            left, right = text[a:b], ent.text
            if WEEKDAY.fullmatch(left) and DAY_PART.fullmatch(right) or \
                    CLOCK.fullmatch(left) and WEEKDAY.fullmatch(right):
                out[-1] = (first, a, ent.end_char)
                continue
        out.append((ent, ent.start_char, ent.end_char))
    return out


def _pieces(text: str, base: int) -> list[tuple[int, int]]:
    """Character spans of the expressions in an entity: 'the quarter ended Sept. 30' is two."""
    _, joins = _patterns()
    out, start = [], 0
    for m in list(joins.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip().rstrip(",")
        if piece and (TIME_WORD.search(piece) or not out and m is None):
            out.append((base + start + lead, base + start + lead + len(piece)))
        if m:
            start = m.end()
    return out or [(base, base + len(text))]


@register("times")
def extract_times(ctx: Context) -> None:
    found: list[tuple[int, int, Time, SpacySpan | None, str | None]] = []
    covered: set[int] = set()
    doc_text = ctx.doc.text  # spaCy joins the tokens again on every access: read it once
    for ent, start, end in _joined([e for e in ctx.ents if e.label_ in ("DATE", "TIME")], doc_text):
        when = tense(ctx.doc.char_span(start, end) or ent if end > ent.end_char else ent)
        for n, (a, b) in enumerate(_pieces(doc_text[start:end], start)):
            text = doc_text[a:b]
            typ, value = normalise(text, ctx.date, when)
            if ent.label_ == "TIME" and typ == "DATE" and value is None:
                typ = "TIME"
            s = ctx.span(a, b)
            time = Time(start=s.start, end=s.end, text=s.text, type=typ, value=value)
            if n == 0:
                ctx.time_of_ent[ent.start] = time
            found.append((a, b, time, ent, when))
        covered.update(range(start, end))
    for m in sorted([*EXTRA.finditer(ctx.cleaned.text), *DAY_OF_MONTH.finditer(ctx.cleaned.text),
                     *(h for h in _holidays()[1].finditer(ctx.cleaned.text) if h.group(0).split()[-1][:1].isupper())],
                    key=lambda m: m.start()):
        if covered.intersection(range(m.start(), m.end())):
            continue
        typ, value = normalise(m.group(0), ctx.date)
        s = ctx.span(m.start(), m.end())
        found.append((m.start(), m.end(), Time(start=s.start, end=s.end, text=s.text, type=typ, value=value), None, None))
    # "a year ago" in a story about a quarter is that quarter a year before: read again knowing the quarter
    quarters = Counter(t.value for _, _, t, _, _ in found if t.value and re.fullmatch(r"\d{4}-Q\d", t.value))
    if quarters and ctx.date:
        quarter = quarters.most_common(1)[0][0]
        for a, b, time, _, when in found:
            if YEAR_AGO.search(time.text.lower()) or time.value and re.fullmatch(r"\d{4}-Q\d", time.value):
                time.type, time.value = normalise(doc_text[a:b], ctx.date, when, quarter)
    found.sort(key=lambda x: x[0])
    # "that year", "the following month": relative to the last date the story gave, not to publication
    previous = None
    for a, b, time, _, _ in found:
        if time.value is None and previous:
            value = _anaphoric(doc_text[a:b], previous)
            if value:
                time.type, time.value = "DATE", value
        if time.value and CALENDAR.fullmatch(time.value):
            previous = time.value
    ctx.record.times.extend(t for _, _, t, _, _ in found)


CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
ANAPHORA = re.compile(r"(?:that|(?:the )?same|(?:the )?(following|next|previous|preceding|prior)) (day|month|year)")


def _anaphoric(text: str, previous: str) -> str | None:
    """'that year' after 'June 1998' is 1998; 'the following month' after March 1989 is 1989-04."""
    m = ANAPHORA.fullmatch(_strip(re.sub(r"\s+", " ", text.strip().lower())))
    if not m:
        return None
    shift = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(m.group(1) or "", 0)
    unit = m.group(2)
    parts = previous.split("-")
    if unit == "year":
        return f"{int(parts[0]) + shift:04d}"
    if unit == "month" and len(parts) >= 2:
        y, mo = divmod(int(parts[0]) * 12 + int(parts[1]) - 1 + shift, 12)
        return f"{y:04d}-{mo + 1:02d}"
    if unit == "day" and len(parts) == 3:
        return (dt.date.fromisoformat(previous) + dt.timedelta(days=shift)).isoformat()
    return None
