-- Every accepted message inserts a queue row, and each index on the queue is one more index entry
-- written on the hot path. Claims read the queue by (bucket, seq) and delete the rows they picked
-- by their physical address (ctid); a message resolved out of turn finds its row by its bucket,
-- which is computed from the event as collection computed it. Nothing reads the queue by seq alone,
-- so its primary key only cost a second index entry per accepted message.
alter table event_resolution_queue drop constraint event_resolution_queue_pkey;
