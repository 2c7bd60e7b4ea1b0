-- Placeholder on branch funder only, so that 004_goals has no gap before it: migration 003 belongs to
-- another branch. Delete this file when the real 003 lands.
select 1;
