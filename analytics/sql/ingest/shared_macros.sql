-- What every kind of row shares, written once. The checks are macros giving the rejection
-- ({col, why}) or NULL: the term, the course named by code or title, the course found in that
-- term's catalog, an email address's shape; and the warning for an optional date that cannot
-- be read. The *_checked queries put the checks first in their own order with coalesce(), then
-- their kind's own checks; the messages are the same for every kind. ing_name_key is how a
-- person's name is compared (possible duplicates, identity).
create or replace temp macro ing_term_problem(term, term_order) as case
    when term is null then {'col': 'term', 'why': 'no term'}
    when term_order is null
        then {'col': 'term', 'why': 'term ''' || term || ''' is not a season and year (e.g. Spring 2019)'}
end;

create or replace temp macro ing_course_named_problem(course_code, course_title) as case
    when course_code is null and course_title is null then {'col': 'course_code', 'why': 'no course code or title'}
end;

create or replace temp macro ing_catalog_problem(course_code, course_title, course_id, term_label) as case
    when course_id is null then {
        'col': case when course_code is not null then 'course_code' else 'course_title' end,
        'why': 'course ''' || coalesce(course_code, course_title) || ''' is not in the catalog for ' || term_label
    }
end;

-- what first stops a registration or survey row from finding its course, in this order
create or replace temp macro ing_course_row_problem(term, term_order, course_code, course_title, course_id, term_label) as
    coalesce(
        ing_term_problem(term, term_order),
        ing_course_named_problem(course_code, course_title),
        ing_catalog_problem(course_code, course_title, course_id, term_label)
    );

create or replace temp macro ing_email_problem(email_norm, email) as case
    when not regexp_full_match(email_norm, '[^@\s]+@[^@\s]+\.[^@\s]+')
        then {'col': 'email', 'why': '''' || email || ''' is not an email address'}
end;

-- a name as it is compared: no accents, no case, runs of anything but letters and digits one space
create or replace temp macro ing_name_key(full_name) as
    nullif(trim(regexp_replace(strip_accents(lower(full_name)), '[^a-z0-9]+', ' ', 'g')), '');

-- The warning for an optional date that was given but cannot be read: the value is left blank,
-- the row is kept (a warning, never a rejection). ``what`` is "a date" or "a date and time".
create or replace temp macro ing_unread_date_warning(col, given, parsed, what) as case
    when given is not null and parsed is null then {'col': col, 'why': '''' || given || ''' is not ' || what || '; left blank'}
end;
