-- Messages accepted and dropped per source and minute, for the collection pages' current rate
-- and last hour: each node adds what it counted every few seconds (a row per source and minute,
-- whatever the traffic), and deletes the minutes older than two days.
create table collection_rate (
    channel_id text        not null,
    minute     timestamptz not null,
    accepted   bigint      not null,
    dropped    bigint      not null,
    primary key (channel_id, minute)
);
