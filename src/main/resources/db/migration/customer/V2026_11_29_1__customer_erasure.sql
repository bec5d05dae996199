-- What is left of an erased customer: that she was erased, when and by whom, and how much went.
-- No identifier, trait or event survives; the ids are those of profiles that no longer exist.
create table profile_erasure (
    profile_id  text primary key,
    profile_ids text[]      not null, -- the profile and those merged into it
    identifiers integer     not null,
    events      integer     not null,
    actor       text        not null,
    erased_at   timestamptz not null
);
