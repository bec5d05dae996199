-- The channel registry: every touchpoint, and its credentials stored only as SHA-256 hashes.
create table channel (
    id          text primary key,
    type        text        not null,
    name        text        not null,
    description text,
    status      text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create unique index channel_name_uq on channel (lower(name));

create table channel_key (
    id           text primary key,
    channel_id   text        not null references channel (id),
    kind         text        not null,
    label        text        not null,
    hint         text        not null,
    secret_hash  bytea       not null unique,
    scopes       text[]      not null,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index channel_key_channel_idx on channel_key (channel_id);
