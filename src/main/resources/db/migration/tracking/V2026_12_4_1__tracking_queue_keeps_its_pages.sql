-- A vacuum that leaves empty pages at the end of a table tries to give them back to the
-- operating system, which takes the table's ACCESS EXCLUSIVE lock: on the resolution queue,
-- which every collection request writes and every claim reads, it found the lock taken at
-- each try, and retried for up to five seconds before giving up (3.6 s a vacuum in the
-- benchmark), holding off the next vacuum, autovacuum's included, while deleted rows' index
-- entries piled up; when it did get the lock, requests waited on it. The queue's live rows are
-- few and its free pages are reused by the next events, so it keeps them.
alter table event_resolution_queue set (vacuum_truncate = false);
