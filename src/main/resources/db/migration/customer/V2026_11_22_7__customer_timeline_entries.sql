-- Timeline entries published by other modules (orders, fulfilment, conversations); collected events
-- stay in tracked_event and are merged with these when the timeline is read.
create table timeline_entry (
    id          bigint generated always as identity primary key,
    profile_id  text        not null,
    occurred_at timestamptz not null,
    kind        text        not null,
    channel_id  text,
    summary     text        not null,
    reference   text,
    recorded_at timestamptz not null default now()
);
create index timeline_entry_profile_idx on timeline_entry (profile_id, occurred_at desc, id desc);
