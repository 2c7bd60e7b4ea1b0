-- Placeholder on branch funder only, so that 004_goals has no gap before it: migration 002 belongs to
-- another branch. Delete this file when the real 002 lands.
select 1;
