-- Placeholder for migration 2, which another branch holds (the importer's is 003).
-- The runner needs numbers without gaps; delete this file when the real 002 is merged.
select 1;
