-- Returns: what may still be returned of each order line (a conditional UPDATE of
-- "returned" decides races for the last unit), each return with its lines and how it was
-- resolved, and store credit per customer with its ledger.

create table returnable (
    order_id text    not null,
    position integer not null, -- the order line
    sku      text    not null,
    bought   integer not null,
    returned integer not null default 0, -- by returns not cancelled
    primary key (order_id, position),
    constraint returnable_returned_range check (returned between 0 and bought)
);

create table customer_return (
    id                     text primary key, -- ret_ ULID
    order_id               text        not null,
    channel_id             text        not null, -- where it was started
    expected_location_id   text,                 -- the store it was started at, if any
    status                 text        not null, -- REQUESTED, REFUNDED, CREDITED, EXCHANGED, CANCELLED
    resolution             text        not null, -- REFUND, STORE_CREDIT, EXCHANGE
    profile_id             text,
    customer               text,
    currency               text        not null,
    amount                 bigint      not null, -- the price paid for the units returned
    note                   text,
    exchange_sku           text,
    exchange_quantity      integer,
    exchange_fulfilment_id text,
    exchange_handed_over_at timestamptz,
    received_location_id   text,
    received_by            text,
    received_at            timestamptz,
    refund_id              text,                 -- the order's refund (ref_…)
    credit_entry_id        text,                 -- the store credit given (scr_…)
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    cancelled_at           timestamptz,
    constraint customer_return_amount check (amount >= 0)
);
create index customer_return_order_idx on customer_return (order_id, id);
create index customer_return_profile_idx on customer_return (profile_id, id);
create index customer_return_expected_idx on customer_return (expected_location_id, id) where status = 'REQUESTED';
create unique index customer_return_exchange_idx on customer_return (exchange_fulfilment_id);

create table return_line (
    return_id      text    not null references customer_return (id),
    position       integer not null,
    order_position integer not null,
    sku            text    not null,
    quantity       integer not null,
    unit_refund    bigint  not null, -- the gross unit price paid, tax included
    reason         text    not null,
    note           text,
    disposition    text,             -- RESTOCK, DAMAGED, TO_WAREHOUSE once received
    disposed_to    text,             -- the location that took it in
    primary key (return_id, position),
    constraint return_line_quantity_positive check (quantity > 0)
);

create table store_credit (
    profile_id text        not null,
    currency   text        not null,
    balance    bigint      not null,
    updated_at timestamptz not null,
    primary key (profile_id, currency),
    constraint store_credit_balance_not_negative check (balance >= 0)
);

create table store_credit_entry (
    id            text primary key, -- scr_ ULID
    profile_id    text        not null,
    currency      text        not null,
    amount        bigint      not null, -- credited (> 0) or spent (< 0)
    balance_after bigint      not null,
    reference     text        not null, -- the return (ret_…) or the order (ord_…)
    reason        text        not null,
    created_at    timestamptz not null
);
create index store_credit_entry_profile_idx on store_credit_entry (profile_id, id);
