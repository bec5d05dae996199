-- Fulfilment: the routing rules, each location's routing settings and daily capacity, the routed requests
-- with their explanation, where each line is served (and where it was rejected), and the work of each location.

-- The rules an operator changed through the API; without a row the omnis.fulfilment.* properties apply.
create table routing_rules (
    id         smallint primary key default 1,
    rules      jsonb       not null,
    updated_at timestamptz not null,
    constraint routing_rules_single_row check (id = 1)
);

-- A location's routing settings; a location without a row is active with the default capacity.
create table fulfilment_location (
    location_id  text primary key,
    active       boolean     not null default true,
    daily_orders integer,            -- null: the rules' default
    daily_lines  integer,
    updated_at   timestamptz not null,
    constraint fulfilment_location_orders_positive check (daily_orders is null or daily_orders >= 0),
    constraint fulfilment_location_lines_positive check (daily_lines is null or daily_lines >= 0)
);

-- Capacity used per location and local day; consumed by one conditional UPDATE when a route commits.
create table fulfilment_capacity (
    location_id text    not null,
    day         date    not null, -- in the location's time zone
    orders      integer not null default 0,
    lines       integer not null default 0,
    primary key (location_id, day),
    constraint fulfilment_capacity_not_negative check (orders >= 0 and lines >= 0)
);

create table fulfilment (
    id               text primary key, -- ful_ ULID
    channel_id       text        not null,
    reference        text        not null,
    customer         text,
    method           text        not null,
    destination_lat  double precision,
    destination_lon  double precision,
    pickup_location  text,
    reservation_id   text        not null,
    explanation      jsonb       not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create unique index fulfilment_reference_uq on fulfilment (channel_id, reference);

-- Where (part of) a request line is served. A rejected allocation stays, with why, next to its replacement.
create table fulfilment_allocation (
    id            text primary key, -- all_ ULID
    fulfilment_id text        not null references fulfilment (id),
    line_no       integer     not null,
    sku           text        not null,
    quantity      integer     not null,
    location_id   text        not null,
    status        text        not null, -- ACTIVE, REJECTED
    reason        text,
    created_at    timestamptz not null,
    constraint fulfilment_allocation_quantity_positive check (quantity > 0)
);
create index fulfilment_allocation_fulfilment_idx on fulfilment_allocation (fulfilment_id, line_no);

-- Every re-route with its explanation: nothing moves silently.
create table fulfilment_reroute (
    id            text primary key, -- rrt_ ULID
    fulfilment_id text        not null references fulfilment (id),
    line_no       integer     not null,
    sku           text        not null,
    quantity      integer     not null,
    from_location text        not null,
    to_locations  text[]      not null, -- empty: no other location could serve it
    reason        text        not null,
    note          text,
    explanation   jsonb       not null,
    actor         text        not null,
    occurred_at   timestamptz not null
);
create index fulfilment_reroute_fulfilment_idx on fulfilment_reroute (fulfilment_id, id);

create table work_task (
    id            text primary key, -- tsk_ ULID
    location_id   text        not null,
    fulfilment_id text        not null references fulfilment (id),
    kind          text        not null, -- PICK, PACK, HAND_OVER, RESTOCK_RETURN
    status        text        not null, -- OPEN, DONE, CANCELLED
    due_at        timestamptz not null,
    created_at    timestamptz not null,
    done_at       timestamptz
);
create index work_task_queue_idx on work_task (location_id, due_at, id) where status = 'OPEN';
create index work_task_fulfilment_idx on work_task (fulfilment_id);

create table work_task_item (
    task_id       text    not null references work_task (id),
    allocation_id text    not null references fulfilment_allocation (id),
    sku           text    not null,
    barcode       text,
    quantity      integer not null,
    picked        integer not null default 0,
    primary key (task_id, allocation_id),
    constraint work_task_item_picked_range check (picked between 0 and quantity)
);
