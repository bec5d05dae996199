-- Where events go: a URL, the event types it wants ('*' for all), and its signing secret (whsec_...).
create table webhook_subscription (
    id          text primary key,
    url         text        not null,
    event_types text[]      not null,
    secret      text        not null,
    description text,
    enabled     boolean     not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- One event as sent: its id is the webhook-id header, the same on every retry; payload is the exact body.
create table webhook_message (
    id         text primary key,
    event_type text        not null,
    payload    text        not null,
    created_at timestamptz not null
);

-- The outbox: one row per message and subscription, claimed by the worker of any node (SKIP LOCKED).
create table webhook_delivery (
    id              text primary key,
    subscription_id text        not null references webhook_subscription (id) on delete cascade,
    message_id      text        not null references webhook_message (id),
    -- PENDING until answered 2xx (DELIVERED) or given up (FAILED)
    status          text        not null,
    attempts        integer     not null,
    next_attempt_at timestamptz not null,
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    created_at      timestamptz not null,
    unique (subscription_id, message_id)
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, id desc);

-- Every attempt with what the endpoint answered.
create table webhook_attempt (
    id           text primary key,
    delivery_id  text        not null references webhook_delivery (id) on delete cascade,
    attempted_at timestamptz not null,
    status_code  integer,
    response     text,
    error        text,
    duration_ms  bigint      not null
);
create index webhook_attempt_delivery_idx on webhook_attempt (delivery_id, id);
