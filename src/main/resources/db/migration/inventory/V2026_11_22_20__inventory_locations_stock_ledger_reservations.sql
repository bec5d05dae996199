-- Inventory: where stock is (locations), how much (stock), who may sell it (allocations), every change to
-- it (the append-only ledger) and what is held for carts and orders (reservations).
-- The invariants are CHECK constraints: the service decides with conditional UPDATEs, the database refuses
-- anything that would still break them.

create table location (
    id            text primary key,
    name          text        not null,
    type          text        not null,
    address_line1 text        not null,
    address_line2 text,
    city          text        not null,
    postal_code   text,
    region        text,
    country       text        not null,
    latitude      double precision,
    longitude     double precision,
    time_zone     text        not null,
    opening_hours text[]      not null, -- 'MONDAY 09:00 19:00', one per open weekday
    capabilities  text[]      not null,
    channel_id    text,                 -- the STORE channel of a store's tills
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    constraint location_coordinates_both check ((latitude is null) = (longitude is null)),
    constraint location_latitude_range check (latitude between -90 and 90),
    constraint location_longitude_range check (longitude between -180 and 180)
);
create unique index location_name_uq on location (lower(name));

create table stock (
    sku          text        not null,
    location_id  text        not null references location (id),
    on_hand      integer     not null default 0,
    reserved     integer     not null default 0,
    safety_stock integer     not null default 0,
    -- units ring-fenced for channels and not reserved yet: sum(stock_allocation.quantity - reserved)
    allocated    integer     not null default 0,
    updated_at   timestamptz not null,
    primary key (sku, location_id),
    constraint stock_on_hand_not_negative check (on_hand >= 0),
    constraint stock_reserved_not_negative check (reserved >= 0),
    constraint stock_reserved_within_on_hand check (reserved <= on_hand),
    constraint stock_safety_stock_not_negative check (safety_stock >= 0),
    constraint stock_allocated_not_negative check (allocated >= 0)
);
create index stock_location_idx on stock (location_id, sku);

-- Units of a SKU at a location held for one channel: no other channel can reserve them.
create table stock_allocation (
    sku         text        not null,
    location_id text        not null,
    channel_id  text        not null,
    quantity    integer     not null, -- held for the channel, reserved by it or not
    reserved    integer     not null default 0, -- of which the channel's reservations hold
    updated_at  timestamptz not null,
    primary key (sku, location_id, channel_id),
    foreign key (sku, location_id) references stock (sku, location_id),
    constraint stock_allocation_reserved_not_negative check (reserved >= 0),
    constraint stock_allocation_reserved_within_quantity check (reserved <= quantity)
);

-- The ledger: one row per change of on hand or reserved, never updated or deleted.
create table stock_movement (
    id             text primary key, -- mov_ ULID, in time order
    sku            text        not null,
    location_id    text        not null,
    type           text        not null,
    on_hand_delta  integer     not null,
    reserved_delta integer     not null,
    on_hand_after  integer     not null,
    reserved_after integer     not null,
    reason         text,
    reference      text,
    channel_id     text,
    actor          text        not null,
    occurred_at    timestamptz not null
);
create index stock_movement_ledger_idx on stock_movement (sku, location_id, id);
create index stock_movement_sku_idx on stock_movement (sku, id);

create function stock_movement_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'stock_movement is an append-only ledger';
end
$$;
create trigger stock_movement_append_only before update or delete on stock_movement
    for each row execute function stock_movement_refuse_change();
create trigger stock_movement_no_truncate before truncate on stock_movement
    for each statement execute function stock_movement_refuse_change();

create table reservation (
    id         text primary key,
    channel_id text        not null,
    reference  text        not null,
    kind       text        not null,
    status     text        not null,
    expires_at timestamptz not null,
    actor      text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index reservation_due_idx on reservation (expires_at) where status = 'HELD';
create index reservation_reference_idx on reservation (channel_id, reference);

create table reservation_line (
    reservation_id  text    not null references reservation (id),
    sku             text    not null,
    location_id     text    not null,
    quantity        integer not null,
    from_allocation integer not null default 0, -- of the quantity, how much the channel's allocation gave
    primary key (reservation_id, sku, location_id),
    constraint reservation_line_quantity_positive check (quantity > 0),
    constraint reservation_line_from_allocation_range check (from_allocation between 0 and quantity)
);
