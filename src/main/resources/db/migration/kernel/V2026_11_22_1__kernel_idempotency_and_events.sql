-- Idempotency keys: one row per (caller, key), found by hash; the first answer is stored encrypted.
create table idempotency_key (
    key_hash     text primary key,
    fingerprint  text        not null,
    status       integer,
    content_type text,
    location     text,
    body         bytea,
    created_at   timestamptz not null
);
create index idempotency_key_created_at_idx on idempotency_key (created_at);

-- Spring Modulith's event publication registry (schema v2), so that a crash loses no module event.
create table event_publication (
    id                     uuid primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
