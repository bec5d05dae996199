-- Identifiers of erased customers who asked not to be collected again (ADR 0031). Only a salted
-- SHA-256 of each identifier is kept, never its value: Omnis can tell that a message names one of them,
-- but nobody reading this table can list them. The salt is random per installation and stays in the
-- database; what it protects against is a precomputed table of hashed e-mails and phones, not someone
-- who holds the whole database and guesses one identifier at a time.
create table identifier_suppression_salt (
    salt bytea not null
);
insert into identifier_suppression_salt (salt) values (uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));

create table identifier_suppression (
    digest        bytea primary key,   -- sha256(salt || 'type:value')
    type          text        not null,
    profile_id    text        not null, -- the erased profile it belonged to (which no longer exists)
    actor         text        not null,
    suppressed_at timestamptz not null
);

alter table profile_erasure add column suppressed integer not null default 0;
