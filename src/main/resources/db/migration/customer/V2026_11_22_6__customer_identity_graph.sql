-- Unified customer profiles. A merged profile keeps its row, pointing at the one it was merged into.
create table profile (
    id               text primary key,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    first_seen_at    timestamptz,
    last_seen_at     timestamptz,
    traits           jsonb       not null default '{}',
    trait_sources    jsonb       not null default '{}', -- trait -> {"at": event time, "channel": id}
    event_counts     jsonb       not null default '{}', -- "track:Order Completed" -> n
    consent          jsonb       not null default '{}', -- purpose -> {"granted": bool, "at": time}
    merge_count      integer     not null default 0,
    identifier_count integer     not null default 0,
    flags            text[]      not null default '{}',
    search_name      text,
    merged_into      text
);
create index profile_search_name_idx on profile (search_name text_pattern_ops) where merged_into is null;
create index profile_merged_into_idx on profile (merged_into) where merged_into is not null;
create index profile_flagged_idx on profile (id) where flags <> '{}';

-- The identity graph: each identifier belongs to exactly one live profile.
create table identifier (
    type             text        not null,
    value            text        not null,
    profile_id       text        not null,
    first_seen_at    timestamptz not null,
    first_channel_id text        not null,
    first_message_id text        not null,
    primary key (type, value)
);
create index identifier_profile_idx on identifier (profile_id);
create index identifier_value_prefix_idx on identifier (type, value text_pattern_ops);

-- Channels each profile used.
create table profile_channel (
    profile_id    text        not null,
    channel_id    text        not null,
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null,
    events        bigint      not null,
    primary key (profile_id, channel_id)
);

-- Every merge, with the message that caused it; a split records what it undid.
create table profile_merge (
    id          text primary key,
    survivor_id text        not null,
    merged_id   text        not null,
    kind        text        not null, -- MERGE or SPLIT
    identifier  text,                 -- the identifier that joined (merge) or was removed (split)
    channel_id  text,
    message_id  text,
    actor       text        not null,
    at          timestamptz not null
);
create index profile_merge_survivor_idx on profile_merge (survivor_id, at desc);
create index profile_merge_merged_idx on profile_merge (merged_id, at desc);

-- Decisions where a rule kept identifiers apart (two user ids, a limit, a cap, a blocked value).
create table resolution_decision (
    id         bigint generated always as identity primary key,
    profile_id text,
    channel_id text        not null,
    message_id text        not null,
    identifier text        not null,
    rule       text        not null,
    detail     text        not null,
    at         timestamptz not null
);
create index resolution_decision_profile_idx on resolution_decision (profile_id, at desc);

-- The consent ledger: append-only statements per purpose.
create table consent_entry (
    id         bigint generated always as identity primary key,
    profile_id text        not null,
    purpose    text        not null,
    granted    boolean     not null,
    stated_at  timestamptz not null,
    channel_id text,
    source     text        not null, -- event, api, merge, split
    message_id text,
    actor      text        not null,
    recorded_at timestamptz not null
);
create index consent_entry_profile_idx on consent_entry (profile_id, stated_at desc);
