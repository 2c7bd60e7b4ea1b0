-- Targets a coordinator records for the funder report (docs/METRICS.md, Goals).
-- Grain: one metric in one period. metric is one of analytics.goals.METRICS; period is a term
-- label ('Spring 2018') or a school year ('2019-20'), stored canonically; target is a count, or a
-- rate from 0 to 1 for returning_rate. Setting a goal again replaces its target.
create table goals (
    metric varchar not null,
    period varchar not null,
    target double not null,
    set_at timestamp not null default current_timestamp,
    primary key (metric, period)
);
