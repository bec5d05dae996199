-- A profile's facts (first and last seen, counts per event type, channels) are derived from
-- its events (ADR 0035): the row keeps a roll-up of them that covers exactly the profile's
-- events with an event time up to facts_until, and a read adds those after it. Null: the
-- roll-up covers no event, every fact comes from the events. Until now the row held the
-- facts of every event resolved to the profile, whose event times are at most its last
-- seen; an event still waiting for resolution with an earlier time is added to the
-- roll-up when it is resolved, under the row lock, as every later one at or before
-- facts_until is.
alter table profile add column facts_until timestamptz;

update profile set facts_until = last_seen_at where last_seen_at is not null and merged_into is null;
