-- A profile's channel use moves into the profile row: {"<channel id>": {"firstSeenAt": …,
-- "lastSeenAt": …, "events": n}}. Resolution already holds the row lock and rewrites the row on
-- every batch that touches the profile, so it writes the channels with it instead of upserting
-- one more table per batch (about 15 % of resolution's database time), and a profile read no
-- longer aggregates a second table.
alter table profile add column channels jsonb not null default '{}';

update profile p
   set channels = c.channels
  from (select profile_id,
               jsonb_object_agg(channel_id, jsonb_build_object('firstSeenAt', first_seen_at,
                                                               'lastSeenAt', last_seen_at, 'events', events)) as channels
          from profile_channel group by profile_id) c
 where c.profile_id = p.id;

drop table profile_channel;
