-- Every goal, in the order they were recorded: metric, period, target, set_at.
select
    metric,
    period,
    target,
    set_at
from goals
order by set_at, metric, period
