"""Times: DATE/TIME mentions normalised in TIMEX3 style against the publication date.

News conventions: a bare weekday is the most recent such day, the
publication day included; "next week" is a week (2015-W48), not a day;
"overnight" is the night before publication; "to date" is PRESENT_REF.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from chronicle.extract.base import Context, register
from chronicle.records import Time

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H", "minute": "M", "decade": "DE"}
# Expressions the statistical model does not tag as DATE/TIME.
EXTRA = re.compile(r"\b(overnight|over night|to date|recently|currently|nowadays|daily|weekly|monthly|annually|"
                   r"every (?:day|week|month|year)|in recent (?:days|weeks|months))\b", re.IGNORECASE)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


@lru_cache(maxsize=50_000)
def normalise(text: str, anchor: dt.date | None) -> tuple[str, str | None]:
    """(TIMEX3 type, value) for an expression, resolved against `anchor`."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    t = re.sub(r"^(on|in|at|by|since|until|from|during|the|this past)\s+", "", t)
    if t in ("daily", "every day"):
        return "SET", "P1D"
    if t in ("weekly", "every week"):
        return "SET", "P1W"
    if t in ("monthly", "every month"):
        return "SET", "P1M"
    if t in ("annually", "every year", "yearly"):
        return "SET", "P1Y"
    if t in ("to date", "now", "currently", "nowadays", "at present", "right now"):
        return "DATE", "PRESENT_REF"
    if t in ("recently", "lately", "in recent days", "in recent weeks", "in recent months", "earlier"):
        return "DATE", "PAST_REF"
    if t in ("the future", "future", "soon"):
        return "DATE", "FUTURE_REF"
    m = re.fullmatch(r"(?:the )?(past|last|next|coming|previous) (\w+) (day|week|month|year|hour)s?", t)
    if m and _count(m.group(2)):
        return "DURATION", f"P{'T' if m.group(3) == 'hour' else ''}{_count(m.group(2))}{UNITS[m.group(3)]}"
    m = re.fullmatch(r"(?:about |nearly |more than |some |over )?(\w+|\d+) (day|week|month|year|hour|minute|decade)s?"
                     r"(?: long)?", t)
    if m and _count(m.group(1)):
        unit = m.group(2)
        return "DURATION", f"P{'T' if unit in ('hour', 'minute') else ''}{_count(m.group(1))}{UNITS[unit]}"
    if anchor is None:
        return ("TIME" if re.search(r"\b(morning|evening|night|afternoon|a\.?m\.?|p\.?m\.?)\b", t) else "DATE"), None
    if t in ("today", "this day"):
        return "DATE", anchor.isoformat()
    if t in ("tonight", "this evening"):
        return "TIME", anchor.isoformat() + "TNI"
    if t in ("this morning",):
        return "TIME", anchor.isoformat() + "TMO"
    if t in ("yesterday",):
        return "DATE", (anchor - dt.timedelta(days=1)).isoformat()
    if t in ("tomorrow",):
        return "DATE", (anchor + dt.timedelta(days=1)).isoformat()
    if t in ("overnight", "over night", "last night"):
        return "TIME", (anchor - dt.timedelta(days=1)).isoformat() + "TNI"
    m = re.fullmatch(r"(\w+) (day|week|month|year)s? ago", t)
    if m and _count(m.group(1)):
        n, unit = _count(m.group(1)), m.group(2)
        if unit == "day":
            return "DATE", (anchor - dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return "DATE", iso_week(anchor - dt.timedelta(weeks=n))
        if unit == "month":
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
            return "DATE", f"{y:04d}-{mo + 1:02d}"
        return "DATE", f"{anchor.year - n:04d}"
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
    m = re.fullmatch(r"(last |next |this |this past )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"(?: (morning|afternoon|evening|night))?", t)
    if m:
        target = WEEKDAYS.index(m.group(2))
        back = (anchor.weekday() - target) % 7
        if m.group(1) and m.group(1).strip() == "next":
            day = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
        elif m.group(1) and m.group(1).strip() == "last":
            day = anchor - dt.timedelta(days=back or 7)
        else:
            day = anchor - dt.timedelta(days=back)  # news default: the most recent such day, today included
        part = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}.get(m.group(3) or "")
        return ("TIME", day.isoformat() + part) if part else ("DATE", day.isoformat())
    found = _calendar(t, anchor)
    if found:
        return found
    m = re.fullmatch(r"(?:early |late |mid-?)?(\d{4})", t)
    if m:
        return "DATE", m.group(1)
    m = re.fullmatch(r"(?:early |late |mid-?)?(" + "|".join(MONTHS) + r")(?:,? (\d{4}))?", t)
    if m:
        month = MONTHS.index(m.group(1)) + 1
        year = int(m.group(2)) if m.group(2) else (anchor.year if month <= anchor.month else anchor.year - 1)
        return "DATE", f"{year:04d}-{month:02d}"
    return _dateparser(t, anchor)


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
           "nineties": 9}
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}


def _calendar(t: str, anchor: dt.date) -> tuple[str, str] | None:
    """Quarters, seasons, decades and months relative to the anchor, as business and wire news write them."""
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "current": 0}
    m = re.fullmatch(r"(?:the )?(?:fiscal |latest |same )?(first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal )?"
                     r"quarter(?: of (?:fiscal )?(\d{4}))?", t)
    if m:
        return "DATE", f"{m.group(2) or anchor.year}-Q{ORDINALS[m.group(1)]}"
    m = re.fullmatch(r"(?:the )?(latest|last|past|previous|current|this|next)? ?quarter", t)
    if m:
        # news reports the quarter that has just ended: "the latest quarter", "the quarter"
        q = (anchor.month - 1) // 3 + 1 + {"current": 0, "this": 0, "next": 1}.get(m.group(1) or "", -1)
        y, q = anchor.year + (q - 1) // 4, (q - 1) % 4 + 1
        return "DATE", f"{y}-Q{q}"
    m = re.fullmatch(r"(?:(last|this|next|past|coming) |early |late |mid-?)?(spring|summer|fall|autumn|winter)"
                     r"(?: of (\d{4}))?", t)
    if m:
        year = int(m.group(3)) if m.group(3) else anchor.year + shift.get(m.group(1) or "this", 0)
        return "DATE", f"{year}-{SEASONS[m.group(2)]}"
    if t in ("this year", "the current year", "earlier this year", "later this year", "the year", "current year"):
        return "DATE", f"{anchor.year}"
    if t in ("recent years", "in recent years", "the past", "years ago", "in the past"):
        return "DATE", "PAST_REF"
    if t in ("these days", "the present", "this time", "at this time"):
        return "DATE", "PRESENT_REF"
    m = re.fullmatch(r"(?:the )?(?:early |late |mid-?)?(\d{3})0'?s", t)
    if m:
        return "DATE", m.group(1)
    m = re.fullmatch(r"(?:the )?(?:early |late |mid-?)?(" + "|".join(DECADES) + ")", t)
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
    # "Nov. 17", "August 6": a month and day without a year are in the publication year
    m = re.fullmatch(r"(?:around |about |on )?([a-z]{3})[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?", t)
    if m and m.group(1) in MONTH_ABBR:
        try:
            return "DATE", dt.date(anchor.year, MONTH_ABBR[m.group(1)], int(m.group(2))).isoformat()
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


@register("times")
def extract_times(ctx: Context) -> None:
    found: list[tuple[int, int, Time]] = []
    covered: set[int] = set()
    for ent in ctx.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        typ, value = normalise(ent.text, ctx.date)
        if ent.label_ == "TIME" and typ == "DATE" and value is None:
            typ = "TIME"
        s = ctx.of(ent)
        time = Time(start=s.start, end=s.end, text=s.text, type=typ, value=value)
        ctx.time_of_ent[ent.start] = time
        found.append((ent.start_char, ent.end_char, time))
        covered.update(range(ent.start_char, ent.end_char))
    for m in EXTRA.finditer(ctx.cleaned.text):
        if covered.intersection(range(m.start(), m.end())):
            continue
        typ, value = normalise(m.group(0), ctx.date)
        s = ctx.span(m.start(), m.end())
        found.append((m.start(), m.end(), Time(start=s.start, end=s.end, text=s.text, type=typ, value=value)))
    ctx.record.times.extend(t for _, _, t in sorted(found, key=lambda x: x[0]))
