-- Every accepted customer event, once per (source, messageId).
create table tracked_event (
    seq          bigint generated always as identity primary key,
    channel_id   text        not null,
    message_id   text        not null,
    type         text        not null,
    event        text,
    user_id      text,
    anonymous_id text,
    occurred_at  timestamptz not null,
    received_at  timestamptz not null,
    payload      jsonb       not null,
    consent_only boolean     not null default false,
    -- set by identity resolution
    profile_id   text,
    identifiers  text[],
    resolved_at  timestamptz,
    constraint tracked_event_message_uq unique (channel_id, message_id)
);
create index tracked_event_unresolved_idx on tracked_event (seq) where resolved_at is null;
create index tracked_event_profile_idx on tracked_event (profile_id, occurred_at desc, seq desc);
create index tracked_event_channel_idx on tracked_event (channel_id, seq desc);

-- Accepted and dropped messages per source, day and outcome ('accepted' or a drop reason).
create table collection_counter (
    channel_id  text        not null,
    day         date        not null,
    outcome     text        not null,
    count       bigint      not null,
    last_at     timestamptz not null,
    last_sample text,
    primary key (channel_id, day, outcome)
);
