"""Dates and times as export tools write them, for the values DuckDB's own parsing leaves.

SQL reads ISO 8601 and the common US layouts first (``ing_ts`` in
``sql/ingest/datetime_macro.sql``); what is left (a few distinct values, as a
rule) comes here: time-zone names and offsets (``2018/01/08 12:30:42 PM EST``),
month names (``Jan 8, 2018 12:30 PM``), Excel serial numbers (``43108.52``).

The wall-clock time is kept as written and the zone dropped: a registration at
"9:00 AM EST" is stored as 09:00, the time the person saw.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

# Excel counts days from 1899-12-30 (its 1900 leap-year bug included); serials
# between these bounds are the years 1954-2119, nothing else looks like them.
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_EXCEL_RANGE = (20000, 80000)
_ZONE = re.compile(
    r"\s*(?:\(?\b(?:[ECMP][SD]T|UTC|GMT|Z|AKST|AKDT|HST|[A-Z][a-z]+/[A-Za-z_]+)\)?|[+-]\d{2}:?\d{2})\s*$"
)
_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %I:%M:%S %p",
    "%Y/%m/%d %I:%M %p",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%m/%d/%y %I:%M:%S %p",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%m/%d/%y",
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y",
    "%B %d, %Y %I:%M %p",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%a, %b %d, %Y %I:%M %p",
    "%A, %B %d, %Y %I:%M %p",
)


# What any of the layouts starts with: digits and a separator, or a month or day name (a name
# such as "Grace Desir" is not tried against every layout: sampled columns are tested as dates).
_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|"
    r"thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
)
_PLAUSIBLE = re.compile(
    rf"^(\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}|\d{{5}}|{_NAMES},? |\d{{1,2}}(st|nd|rd|th)? {_NAMES}\b)", re.IGNORECASE
)
# The commonest layout, read by the C parser rather than by trying strptime layouts in turn.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")


def _shape(layout: str) -> re.Pattern:
    """A pattern every text ``strptime`` could read with ``layout`` matches (it may match more)."""
    pieces = re.split(r"(%[A-Za-z]| )", layout)
    wide = {"%p": r"[ap]\.?m\.?", "%b": "[a-z]+", "%B": "[a-z]+", "%a": "[a-z]+", "%A": "[a-z]+"}
    return re.compile(
        "".join(
            wide.get(p, r"\s*\d{1,4}") if p.startswith("%") else r"\s+" if p == " " else re.escape(p) for p in pieces
        ),
        re.IGNORECASE,
    )


# Each layout is tried only on texts of its shape. Besides the time saved on layouts that cannot fit,
# this keeps Python's own cache of compiled layouts (five of them) from being emptied: trying the
# 29 layouts in turn compiled one for nearly every attempt (30,000 compilations for the samples of
# the 1,000,000-enrollment export set).
_SHAPES = tuple(_shape(layout) for layout in _FORMATS)
_last_format = [0]


def parse_datetime(raw: object) -> dt.datetime | None:
    """A date and time from any layout docs/DATA.md lists, or None when the text is not one."""
    if raw is None:
        return None
    return _parse(re.sub(r"\s+", " ", str(raw).strip()))


@functools.lru_cache(maxsize=65536)
def _parse(text: str) -> dt.datetime | None:
    if not text or not _PLAUSIBLE.match(text):
        return None
    serial = _excel_serial(text)
    if serial is not None:
        return serial
    text = _ZONE.sub("", text)
    text = re.sub(r"\b([ap])\.m\.", r"\1m", text, flags=re.I)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"(\d{2}:\d{2}:\d{2})\.\d+", r"\1", text)  # fractions of a second
    if _ISO.fullmatch(text):
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    # one export writes one layout throughout: the last one that worked is tried first
    for number in (_last_format[0], *range(len(_FORMATS))):
        if not _SHAPES[number].fullmatch(text):
            continue
        try:
            parsed = dt.datetime.strptime(text, _FORMATS[number])
        except ValueError:
            continue
        _last_format[0] = number
        return parsed
    return None


def _excel_serial(text: str) -> dt.datetime | None:
    if not re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return None
    days = float(text)
    if not _EXCEL_RANGE[0] <= days <= _EXCEL_RANGE[1]:
        return None
    moment = _EXCEL_EPOCH + dt.timedelta(days=days)
    return moment.replace(microsecond=0) + dt.timedelta(seconds=round(moment.microsecond / 1e6))


def timestamp_text(raw: object) -> str | None:
    """The parsed value as ISO text (what ``ing_values`` holds), or None."""
    parsed = parse_datetime(raw)
    return parsed.isoformat(sep=" ") if parsed else None
