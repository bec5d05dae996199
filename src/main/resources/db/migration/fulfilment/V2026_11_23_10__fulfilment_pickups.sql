-- Click & collect and curbside: a fulfilment whose every line is ready at the store the customer chose,
-- the codes she collects it with, what was handed over to her, and her arrival at the curb.

-- One per PICKUP or CURBSIDE fulfilment once ready; closed when collected (all or part, the rest returned)
-- or when its hold period passed.
create table pickup (
    fulfilment_id text primary key references fulfilment (id),
    location_id   text        not null,
    method        text        not null, -- PICKUP, CURBSIDE
    status        text        not null, -- READY, COLLECTED, EXPIRED, WITHDRAWN
    ready_at      timestamptz not null,
    hold_until    timestamptz not null,
    arrived_at    timestamptz,
    parking_spot  text,
    closed_at     timestamptz
);
create index pickup_due_idx on pickup (hold_until) where status = 'READY';
create index pickup_arrivals_idx on pickup (location_id, arrived_at) where status = 'READY' and arrived_at is not null;

-- Codes are stored as their SHA-256 only. A new code replaces the old one (which then stays known, so that
-- using it is told apart from a code that never existed).
create table pickup_code (
    code_hash     text primary key,
    fulfilment_id text        not null references pickup (fulfilment_id),
    status        text        not null, -- ACTIVE, REPLACED, USED, EXPIRED
    issued_at     timestamptz not null,
    ended_at      timestamptz
);
create unique index pickup_code_one_active on pickup_code (fulfilment_id) where status = 'ACTIVE';

-- Units handed over at the counter: who, what, when.
create table pickup_hand_over (
    id            text primary key, -- pho_ ULID
    fulfilment_id text        not null references pickup (fulfilment_id),
    allocation_id text        not null references fulfilment_allocation (id),
    sku           text        not null,
    quantity      integer     not null check (quantity > 0),
    handed_by     text        not null,
    handed_at     timestamptz not null
);
create index pickup_hand_over_fulfilment_idx on pickup_hand_over (fulfilment_id);

-- The key that signs pickup links (made by the first node that needs it).
create table pickup_secret (
    name   text primary key,
    secret text not null
);
