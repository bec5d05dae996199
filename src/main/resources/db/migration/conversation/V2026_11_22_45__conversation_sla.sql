-- When a team works: weekly opening spans ({"MONDAY":[{"from":"09:00","to":"17:00"}]...}), holidays, a time zone.
create table sla_calendar (
    id           text primary key,
    name         text        not null,
    time_zone    text        not null,
    weekly_hours jsonb       not null,
    holidays     date[]      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

-- Targets in business minutes for conversations of a team (null: any) and priority (null: any).
create table sla_policy (
    id                     text primary key,
    name                   text        not null,
    team                   text,
    priority               text,
    calendar_id            text        not null references sla_calendar (id),
    first_response_minutes integer     not null check (first_response_minutes > 0),
    next_response_minutes  integer check (next_response_minutes > 0),
    resolution_minutes     integer check (resolution_minutes > 0),
    -- "at risk" this many business minutes before the due time
    warn_before_minutes    integer     not null check (warn_before_minutes >= 0),
    created_at             timestamptz not null,
    updated_at             timestamptz not null
);
create unique index sla_policy_scope_idx on sla_policy (coalesce(team, ''), coalesce(priority, ''));

-- The clocks running on a conversation: one row per target (FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION).
create table conversation_sla (
    conversation_id text        not null references conversation (id),
    target          text        not null,
    policy_id       text        not null,
    started_at      timestamptz not null,
    due_at          timestamptz not null,
    warn_at         timestamptz not null,
    met_at          timestamptz,
    warned_at       timestamptz,
    breached_at     timestamptz,
    primary key (conversation_id, target)
);
create index conversation_sla_running_idx on conversation_sla (warn_at) where met_at is null and breached_at is null;
create index conversation_sla_risk_idx on conversation_sla (due_at) where met_at is null and warned_at is not null;

-- Every missed target, kept when the clock of a next response starts again.
create table sla_breach (
    id              text primary key,
    conversation_id text        not null references conversation (id),
    target          text        not null,
    policy_id       text        not null,
    due_at          timestamptz not null,
    breached_at     timestamptz not null,
    unique (conversation_id, target, due_at)
);
create index sla_breach_time_idx on sla_breach (breached_at);
