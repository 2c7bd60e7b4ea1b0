-- ing_ts(text): a date and time in ISO 8601 or a common US layout, else NULL.
-- What this leaves unparsed (time-zone names, month names, Excel serials) is
-- read in Python for the distinct values only (analytics/ingest/dates.py) and
-- joined back from ing_values (field 'datetime').
create or replace temp macro ing_ts(x) as coalesce(
    try_cast(x as timestamp),
    try_strptime(x, [
        '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M %p', '%m/%d/%Y',
        '%m/%d/%y %H:%M:%S', '%m/%d/%y %H:%M', '%m/%d/%y %I:%M:%S %p', '%m/%d/%y %I:%M %p', '%m/%d/%y',
        '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d %I:%M:%S %p', '%Y/%m/%d'
    ])
)
