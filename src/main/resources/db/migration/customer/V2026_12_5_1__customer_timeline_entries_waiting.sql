-- An activity published for an identifier no profile holds yet (a first order placed right
-- after the customer's first identify, before resolution made her profile) is kept under
-- that identifier instead of being dropped: a profile's timeline shows it once the profile
-- holds the identifier. Exactly one of the two owns an entry.
alter table timeline_entry alter column profile_id drop not null, add column customer text;
alter table timeline_entry add constraint timeline_entry_owner_ck check ((profile_id is null) <> (customer is null));
create index timeline_entry_waiting_idx on timeline_entry (customer, occurred_at desc, id desc)
    where profile_id is null;
