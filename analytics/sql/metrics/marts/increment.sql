-- The metric marts brought up to date after an import, inside the import's transaction, for the
-- terms and people it changed only (mart_dirty_terms, mart_dirty_people: dirty.sql). Each mart
-- ends with exactly the rows a full rebuild (refresh.sql) would give; tests/test_marts_increment.py
-- compares the two. As in refresh.sql, temporary objects named like a canonical table or a view
-- stand in for it while the views of analytics/sql/staging are read: DuckDB resolves a name to
-- a temporary object first, so the views read only the changed people's or terms' rows.

-- Small and cheap: rebuilt whole.
create or replace table mart_terms as select * from stg_terms;

-- Staff rows to rebuild (the staff section below): those of changed people, of the changed terms'
-- courses, of the batches, and of staff at a school the batches changed. Chosen first, because
-- the person-grained step reads their numbers too. (One scan copies the rows; their keys apart.)
create temp table mart_dirty_staff_rows as
select *
from main.course_staff
where
    person_id in (select person_id from mart_dirty_people)
    or course_id in (select course_id from main.courses where term_order in (select term_order from mart_dirty_terms))
    or batch_id in (select batch_id from mart_import_batches)
    or nullif(regexp_replace(lower(trim(school)), '\s+', ' ', 'g'), '') in (
        select school_key from main.schools where batch_id in (select batch_id from mart_import_batches)
    );
create or replace temp table mart_dirty_staff as
select
    course_id,
    role,
    person_id,
    md5_number_lower(course_id) as course_no,
    md5_number_lower(person_id) as person_no
from mart_dirty_staff_rows;

-- Person-grained: a person's rows depend on their own enrollments only (and the courses' strands).
-- A person's row in a term the import did not change keeps that term's own values (sector,
-- strands, courses: stg_person_terms); only the values over all their terms (first term, cohort,
-- school year's first term) can move. So the changed people's rows are rebuilt from their old rows
-- in the other terms and their enrollments in the changed terms, not from all their enrollments.
-- (matched by number: a scan of one integer column, not of every person's address)
create temp table mart_dirty_person_nos as
select md5_number_lower(person_id) as person_no from mart_dirty_people;
-- Every row of the mart under a changed person's or a changed staff member's number, with its
-- address, as it was: the changed people's old rows below, and the keys the shared-number check
-- (shared_numbers_increment.sql) compares: a row under a changed person's number that is another
-- address's would otherwise be replaced unseen. (One read: the addresses are its main cost.)
create temp table mart_numbered_people_before as
select person_id, person_no, term_order, sector, strand_mask, courses, first_term_order, year_first_term
from main.mart_participant_terms
where
    person_no in (
        select person_no from mart_dirty_person_nos
        union
        select person_no from mart_dirty_staff
    );
create temp table mart_old_person_terms as
select * from mart_numbered_people_before
where person_no in (select person_no from mart_dirty_person_nos);
-- the counts of person-term rows lose the changed people's old rows here, and gain their new rows
-- below
create temp table mart_cube_change as
select term_order, sector, strand_mask, first_term_order, term_order = year_first_term as year_first, -count(*) as people
from mart_old_person_terms
group by all;
delete from mart_participant_terms
where person_no in (select person_no from mart_dirty_person_nos);
-- (only the columns stg_counting_enrollments reads; the changed terms' rows are found by the term,
-- which the enrollments' storage keeps together, before any address is compared)
create temp table enrollments as
select course_id, term_order, person_id, status, sector, school, registered_at, batch_id, source_line
from main.enrollments
where term_order in (select term_order from mart_dirty_terms) and person_id in (select person_id from mart_dirty_people);
-- (a table, not a view: a temporary view's own name would shadow main.stg_person_terms inside it)
create temp table stg_person_terms as
select * from main.stg_person_terms
union all by name
select person_id, person_no, term_order, sector, strand_mask, courses
from mart_old_person_terms
where term_order not in (select term_order from mart_dirty_terms);
create temp table mart_new_person_terms as select * from stg_participant_terms;
drop table temp.stg_person_terms;
drop table temp.mart_old_person_terms;
insert into mart_participant_terms by name from mart_new_person_terms;
drop table temp.enrollments;
-- The counts of person-term rows (a few thousand): the old rows' counts off, the new rows' on.
insert into mart_cube_change
select term_order, sector, strand_mask, first_term_order, term_order = year_first_term, count(*)
from mart_new_person_terms
group by all;
-- Only the groups whose count moved are written: a changed person's rows in the terms the import
-- did not touch mostly come back as they were, and their -1 and +1 cancel here.
create temp table mart_cube_sums as
select term_order, sector, strand_mask, first_term_order, year_first, sum(people)::bigint as people
from mart_cube_change
group by all
having sum(people) != 0;
update mart_participant_terms_cube as m
set people = m.people + d.people
from mart_cube_sums as d
where
    m.term_order = d.term_order and m.sector is not distinct from d.sector and m.strand_mask = d.strand_mask
    and m.first_term_order is not distinct from d.first_term_order and m.year_first = d.year_first;
insert into mart_participant_terms_cube by name
select d.*
from mart_cube_sums as d
anti join main.mart_participant_terms_cube as m
    on
        m.term_order = d.term_order and m.sector is not distinct from d.sector and m.strand_mask = d.strand_mask
        and m.first_term_order is not distinct from d.first_term_order and m.year_first = d.year_first;
-- (a count that falls to 0 leaves the mart, as in a rebuild)
delete from mart_participant_terms_cube where people = 0;
drop table temp.mart_cube_sums;
drop table temp.mart_cube_change;

-- From here the views read the fresh person-term mart instead of deriving it again.
create temp view stg_participant_terms as select * from main.mart_participant_terms;

-- Term-grained: a person's sector in a term depends on that term's enrollments only, so only
-- the changed terms' rows can differ.
create temp table enrollments as
select * from main.enrollments where term_order in (select term_order from mart_dirty_terms);
create temp table survey_responses as
select * from main.survey_responses where term_order in (select term_order from mart_dirty_terms);

delete from mart_course_sectors where term_order in (select term_order from mart_dirty_terms);
insert into mart_course_sectors by name select * from stg_course_sectors;

delete from mart_enrollment_status where term_order in (select term_order from mart_dirty_terms);
insert into mart_enrollment_status by name select * from stg_enrollment_status;

delete from mart_survey_course_sectors where term_order in (select term_order from mart_dirty_terms);
create temp view stg_course_sectors as
select * from main.mart_course_sectors where term_order in (select term_order from mart_dirty_terms);
insert into mart_survey_course_sectors by name select * from stg_survey_course_sectors;
drop view temp.stg_course_sectors;

-- A school's first term is over all its terms: the changed terms' rows are rebuilt, then every
-- school's first term is taken again from the mart's own rows (the same minimum the view takes).
delete from mart_school_terms where term_order in (select term_order from mart_dirty_terms);
insert into mart_school_terms by name select * from stg_school_terms;
update mart_school_terms as m
set first_term_order = f.first_term_order
from (select school_no, min(term_order) as first_term_order from mart_school_terms group by school_no) as f
where m.school_no = f.school_no and m.first_term_order is distinct from f.first_term_order;

drop table temp.survey_responses;
drop table temp.enrollments;

delete from mart_course_numbers where term_order in (select term_order from mart_dirty_terms);
insert into mart_course_numbers by name
select * from stg_course_numbers where term_order in (select term_order from mart_dirty_terms);

-- Survey scores per course: a course's row depends on its term's survey sums and catalog rows only.
delete from mart_survey_course_scores where term_order in (select term_order from mart_dirty_terms);
create temp view stg_survey_course_sectors as
select * from main.mart_survey_course_sectors where term_order in (select term_order from mart_dirty_terms);
create temp view stg_course_numbers as
select * from main.mart_course_numbers where term_order in (select term_order from mart_dirty_terms);
insert into mart_survey_course_scores by name select * from stg_survey_course_scores;
drop view temp.stg_course_numbers;
drop view temp.stg_survey_course_sectors;

-- Staff: a row depends on itself, its course, its school's sector and its person's latest own
-- sector. The rows of changed people, of the changed terms' courses, of the batches, and of
-- staff at a school the batches changed are rebuilt; their courses' leader sectors with them.
create temp view course_staff as select * from mart_dirty_staff_rows;

delete from mart_course_staff as m
using mart_dirty_staff as d
where m.course_id = d.course_id and m.role = d.role and m.person_id = d.person_id;
drop view temp.stg_participant_terms;
-- (only the columns stg_course_staff reads, of the staff's own person-term rows: as the mart now
-- holds them, the rows read before under their numbers with the changed people's replaced by
-- their new rows, so the mart is not read again)
create temp table stg_participant_terms as
select person_no, term_order, sector
from mart_numbered_people_before
where
    person_no in (select person_no from mart_dirty_staff)
    and person_no not in (select person_no from mart_dirty_person_nos)
union all
select person_no, term_order, sector
from mart_new_person_terms
where person_no in (select person_no from mart_dirty_staff);
insert into mart_course_staff by name select * from stg_course_staff;
drop table temp.stg_participant_terms;
drop view temp.course_staff;
drop table temp.mart_new_person_terms;
drop table temp.mart_dirty_person_nos;

delete from mart_course_leader_sectors where course_id in (select course_id from mart_dirty_staff);
create temp view stg_course_staff as
select * from main.mart_course_staff where course_id in (select course_id from mart_dirty_staff);
insert into mart_course_leader_sectors by name select * from stg_course_leader_sectors;
drop view temp.stg_course_staff;

-- Staff paths: a person's path depends on their own staff rows and their first term only, so the
-- rows of the changed people and of the changed staff are rebuilt, from the marts just brought up
-- to date.
create temp table mart_dirty_paths as
select md5_number_lower(person_id) as person_no from mart_dirty_people
union
select person_no from mart_dirty_staff;
delete from mart_staff_paths where person_no in (select person_no from mart_dirty_paths);
create temp view stg_course_staff as
select * from main.mart_course_staff where person_no in (select person_no from mart_dirty_paths);
create temp view stg_participant_terms as
select * from main.mart_participant_terms where person_no in (select person_no from mart_dirty_paths);
insert into mart_staff_paths by name select * from stg_staff_paths;
drop view temp.stg_participant_terms;
-- Staff terms: a person's rows depend on their own staff rows, their path and whether their courses
-- have counting enrollments (course-sector rows, rebuilt for the changed terms, whose staff are
-- changed staff), so the same people's rows are rebuilt, from the marts just brought up to date.
delete from mart_staff_terms where person_no in (select person_no from mart_dirty_paths);
create temp view stg_staff_paths as
select * from main.mart_staff_paths where person_no in (select person_no from mart_dirty_paths);
create temp view stg_course_sectors as
select * from main.mart_course_sectors where course_no in (select course_no from stg_course_staff);
insert into mart_staff_terms by name select * from stg_staff_terms;
drop view temp.stg_course_sectors;
drop view temp.stg_staff_paths;
drop view temp.stg_course_staff;
drop table temp.mart_dirty_paths;

-- Course totals: a course's row depends on its term's course-sector and catalog rows and on its
-- leaders' sectors, so the rows of the changed terms and of the changed leaders' courses are rebuilt,
-- from the marts just brought up to date (matched by number: integer scans).
create temp table mart_dirty_courses as
select course_no from main.mart_course_sectors where term_order in (select term_order from mart_dirty_terms)
union
select course_no from mart_dirty_staff where role = 'leader';
delete from mart_course_totals
where term_order in (select term_order from mart_dirty_terms) or course_no in (select course_no from mart_dirty_courses);
create temp view stg_course_sectors as
select * from main.mart_course_sectors where course_no in (select course_no from mart_dirty_courses);
create temp view stg_course_numbers as
select * from main.mart_course_numbers where course_no in (select course_no from mart_dirty_courses);
create temp view stg_course_leader_sectors as
select * from main.mart_course_leader_sectors where course_no in (select course_no from mart_dirty_courses);
insert into mart_course_totals by name select * from stg_course_totals;
drop view temp.stg_course_leader_sectors;
drop view temp.stg_course_numbers;
drop view temp.stg_course_sectors;
drop table temp.mart_dirty_courses;

-- Survey answers per person: a person's row depends on their own answers only, so the people of
-- the answers the batches wrote or overwrote are rebuilt (none for a week's registrations).
create temp table mart_dirty_answerers as
select person_id
from main.survey_responses
where batch_id in (select batch_id from mart_import_batches) and person_id is not null
union
select person_id
from main.survey_responses_history
where changed_by_batch in (select batch_id from mart_import_batches) and person_id is not null;
delete from mart_survey_people where person_id in (select person_id from mart_dirty_answerers);
create temp table survey_responses as
select * from main.survey_responses where person_id in (select person_id from mart_dirty_answerers);
insert into mart_survey_people by name select * from stg_survey_people;
drop table temp.survey_responses;
drop table temp.mart_dirty_answerers;
