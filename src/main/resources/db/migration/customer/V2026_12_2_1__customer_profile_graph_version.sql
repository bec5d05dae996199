-- Resolution at acceptance (ADR 0034) links a message to the profile a node's cache names
-- for its identifiers, and checks under the profile's row lock that the profile is still
-- that one: not merged away (merged_into), and with none of its identifiers split off or
-- erased since the cache learnt them. Whatever takes an identifier away from a live profile
-- (a split) increases its graph_version, which the cache entries carry.
alter table profile add column graph_version integer not null default 0;
