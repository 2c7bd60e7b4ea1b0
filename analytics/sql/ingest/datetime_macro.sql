-- ing_ts(text): a date and time in ISO 8601 or a common US layout, else NULL.
-- Each layout is recognised by its shape before it is parsed, for correctness and speed:
-- DuckDB's own cast reads `1/7/19 13:21` as the year 1 and ignores a trailing `PM`, and its
-- `%Y` takes a two-digit year, so the cast sees only ISO dates and each US layout only the
-- texts of its own shape (a failed cast on every row of a US-dated file was also the
-- slowest part of it). What this leaves unparsed (time-zone names, month names, Excel
-- serials) is read in Python for the distinct values only (analytics/ingest/dates.py) and
-- joined back from ing_values (field 'datetime'); tests/test_ingest_values.py checks that
-- both read every layout of docs/DATA.md alike.
create or replace temp macro ing_ts(x) as case
    when regexp_full_match(x, '\d{4}-\d{1,2}-\d{1,2}([ T].*)?') then try_cast(x as timestamp)
    when regexp_full_match(x, '\d{1,2}/\d{1,2}/\d{4}( .*)?') then try_strptime(x, [
        '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M %p', '%m/%d/%Y'
    ])
    when regexp_full_match(x, '\d{1,2}/\d{1,2}/\d{2}( .*)?') then try_strptime(x, [
        '%m/%d/%y %H:%M:%S', '%m/%d/%y %H:%M', '%m/%d/%y %I:%M:%S %p', '%m/%d/%y %I:%M %p', '%m/%d/%y'
    ])
    when regexp_full_match(x, '\d{4}/\d{1,2}/\d{1,2}( .*)?') then try_strptime(x, [
        '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d %I:%M:%S %p', '%Y/%m/%d %I:%M %p', '%Y/%m/%d'
    ])
end
