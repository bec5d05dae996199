-- Fulfilment: parcels packed at a location and shipped through a carrier, their status history, and
-- same-day delivery slots per store with the capacity each slot has used.

create table parcel (
    id              text primary key, -- pcl_ ULID
    fulfilment_id   text        not null references fulfilment (id),
    location_id     text        not null,
    task_id         text        not null references work_task (id),
    weight_grams    integer     not null,
    length_mm       integer,
    width_mm        integer,
    height_mm       integer,
    status          text        not null, -- PACKED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, FAILED, RETURNED
    carrier         text,
    tracking_number text,
    tracking_url    text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    constraint parcel_weight_range check (weight_grams between 1 and 70000),
    constraint parcel_dimensions_range check (coalesce(length_mm, 1) between 1 and 3000
        and coalesce(width_mm, 1) between 1 and 3000 and coalesce(height_mm, 1) between 1 and 3000)
);
create index parcel_fulfilment_idx on parcel (fulfilment_id, id);

create table parcel_item (
    parcel_id text    not null references parcel (id),
    sku       text    not null,
    quantity  integer not null,
    primary key (parcel_id, sku),
    constraint parcel_item_quantity_positive check (quantity > 0)
);

-- Every status a parcel went through, as the carrier (or the associate, for the manual carrier) said.
create table parcel_event (
    id          text primary key, -- pev_ ULID
    parcel_id   text        not null references parcel (id),
    status      text        not null,
    note        text,
    actor       text        not null,
    occurred_at timestamptz not null
);
create index parcel_event_parcel_idx on parcel_event (parcel_id, id);

-- A store's same-day slots; a store with SAME_DAY and no row has the omnis.fulfilment.same-day.* defaults.
create table same_day_settings (
    location_id  text primary key,
    opens        time        not null, -- local time of the first slot's start
    closes       time        not null, -- local time by which the last slot ends
    slot_minutes integer     not null,
    capacity     integer     not null, -- deliveries per slot
    cutoff       time        not null, -- local time after which the day's slots take no booking
    lead_minutes integer     not null, -- a slot takes no booking this close to its start
    updated_at   timestamptz not null,
    constraint same_day_settings_window check (opens < closes),
    constraint same_day_settings_slot check (slot_minutes between 30 and 720),
    constraint same_day_settings_capacity check (capacity between 0 and 100000),
    constraint same_day_settings_lead check (lead_minutes between 0 and 1440)
);

-- Bookings per slot, taken by one conditional upsert (never beyond the capacity at the time).
create table same_day_slot_use (
    location_id text        not null,
    slot_start  timestamptz not null,
    booked      integer     not null,
    primary key (location_id, slot_start),
    constraint same_day_slot_use_not_negative check (booked >= 0)
);

-- The slot an order (a channel's reference) booked; released when the order is cancelled.
create table same_day_booking (
    id          text primary key, -- sdb_ ULID
    channel_id  text        not null,
    reference   text        not null,
    location_id text        not null,
    slot_start  timestamptz not null,
    slot_end    timestamptz not null,
    status      text        not null, -- BOOKED, RELEASED
    created_at  timestamptz not null
);
create unique index same_day_booking_reference_uq on same_day_booking (channel_id, reference) where status = 'BOOKED';
