-- Remove one goal; returns the rows removed (0 or 1).
delete from goals
where metric = $metric and period = $period
returning metric
