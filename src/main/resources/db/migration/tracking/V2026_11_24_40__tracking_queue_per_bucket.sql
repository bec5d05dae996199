-- A shard claims the oldest waiting events of its buckets. Down the primary key (seq) it had to
-- step over every waiting event of the other shards, and over every dead entry of the rows
-- already claimed, before it found its own: the more the backlog, the slower each claim. With an
-- index per bucket (bucket, seq) a claim reads the head of each of its buckets and merges them in
-- seq order, so it reads about as many entries as it claims, whatever the backlog.
create index event_resolution_queue_bucket_idx on event_resolution_queue (bucket, seq);
