-- Identity resolution runs in several workers (omnis.identity.workers). Each waiting event
-- carries a bucket (0-63) from a hash of the identifier a device sends on every message (its
-- anonymousId, else its userId), so that one device's messages go to one worker, in order;
-- worker k of N takes the buckets b with b % N = k.
alter table event_resolution_queue add column bucket smallint not null default 0;

update event_resolution_queue q
   set bucket = hashtext(coalesce(e.anonymous_id, e.user_id, '')) & 63
  from tracked_event e
 where e.seq = q.seq;
