-- Grain: one school of the schools list whose key is among the given keys ($keys: a
-- file's sampled values, trimmed, lower-cased, inner spaces collapsed), and one flag
-- row per list saying whether the warehouse holds any course or school at all.
select 'school' as what, s.school_key as value
from schools as s
where s.school_key in (select unnest($keys::varchar []))
union all
select 'catalog' as what, null as value
where exists (select 1 from courses)
union all
select 'schools' as what, null as value
where exists (select 1 from schools)
