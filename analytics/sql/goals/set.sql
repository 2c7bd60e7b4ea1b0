-- Record or replace one goal (a goal is one metric in one period).
insert or replace into goals (metric, period, target, set_at)
values ($metric, $period, $target, current_timestamp)
