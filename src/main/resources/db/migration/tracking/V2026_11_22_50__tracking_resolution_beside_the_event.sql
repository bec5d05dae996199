-- Identity resolution's state leaves the wide tracked_event row. Before, resolving an event locked
-- and rewrote its whole row (payload included) and every index on it; now an accepted event is
-- written once, a narrow queue row says it waits, and resolution deletes that row and inserts a
-- narrow event_profile row.

-- Events waiting for identity resolution, in acceptance order.
create table event_resolution_queue (
    seq         bigint      primary key,
    received_at timestamptz not null
);
-- A queue: rows live for well under a second, so vacuum it often
alter table event_resolution_queue set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);

-- The profile each resolved event belongs to (an event that resolved to no profile has no row).
create table event_profile (
    seq         bigint      primary key,
    profile_id  text        not null,
    occurred_at timestamptz not null,
    identifiers text[]      not null, -- "type:value" promoted from the event
    resolved_at timestamptz not null
);
create index event_profile_profile_idx on event_profile (profile_id, occurred_at desc, seq desc);

insert into event_resolution_queue (seq, received_at)
select seq, received_at from tracked_event where resolved_at is null;
insert into event_profile (seq, profile_id, occurred_at, identifiers, resolved_at)
select seq, profile_id, occurred_at, coalesce(identifiers, '{}'), resolved_at
  from tracked_event where profile_id is not null;

drop index tracked_event_unresolved_idx;
drop index tracked_event_profile_idx;
alter table tracked_event drop column profile_id, drop column identifiers, drop column resolved_at;
