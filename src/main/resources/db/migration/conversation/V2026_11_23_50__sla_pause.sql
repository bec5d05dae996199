-- The resolution clock stops while the conversation waits for the customer (an agent's answer is the last
-- word) and goes on when she writes: paused_at is when it stopped, paused_seconds the business time of the
-- pauses that ended (the due time is started_at plus the allowed time plus these), resumed_at the time of her
-- latest message, so that a pause reported after she already wrote again is ignored.
alter table conversation_sla
    add column paused_at      timestamptz,
    add column paused_seconds bigint not null default 0 check (paused_seconds >= 0),
    add column resumed_at     timestamptz;
