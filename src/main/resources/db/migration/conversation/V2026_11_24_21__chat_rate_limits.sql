-- The public chat's rate limits, shared by every node (ADR 0017): one row per limited key (a visitor or a
-- client address, SHA-256 of it), holding the bucket as its theoretical arrival time (GCRA): a call is
-- accepted when pushing tat one refill later keeps it within burst x refill of now. A row whose tat is past
-- is a full bucket, the same as no row, and is deleted by a sweep.
-- Unlogged: not written to the WAL (cheap to update on every call), emptied by a crash of PostgreSQL and
-- absent on a replica after fail-over: the limits then start afresh, which a limiter can afford.
create unlogged table chat_rate_limit (
    key bytea       primary key,
    tat timestamptz not null
) with (fillfactor = 70);
