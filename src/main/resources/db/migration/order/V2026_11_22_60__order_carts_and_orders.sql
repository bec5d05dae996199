-- Orders: carts that follow the customer across channels, the codes that hand a cart to a till, each
-- channel's reservation policy, and orders (online and till sales) with their lines as sold.

create table cart (
    id             text primary key,
    status         text        not null, -- OPEN, MERGED (into merged_into), CHECKED_OUT (as order_id)
    currency       text        not null,
    country        text        not null, -- where tax is due
    customer_ids   text[]      not null default '{}', -- 'anonymous_id:…', 'user_id:…', 'email:…'
    profile_id     text,
    channel_id     text        not null, -- the channel that last worked on it
    reservation_id text,                 -- stock held for it, under its channel's policy
    reservation_channel_id text,
    merged_into    text,
    order_id       text,
    expires_at     timestamptz not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index cart_open_customer_idx on cart using gin (customer_ids) where status = 'OPEN';
create index cart_open_profile_idx on cart (profile_id) where status = 'OPEN';

create table cart_line (
    cart_id    text        not null references cart (id),
    sku        text        not null,
    quantity   integer     not null,
    unit_gross bigint      not null, -- the price the customer saw when she added it
    unit_net   bigint      not null,
    unit_tax   bigint      not null,
    tax_rate   numeric     not null,
    channel_id text        not null,
    added_at   timestamptz not null,
    primary key (cart_id, sku),
    constraint cart_line_quantity_positive check (quantity > 0)
);

-- One active code per cart; taking a code over deletes it, so it works once.
create table cart_handover (
    code       text primary key,
    cart_id    text        not null unique references cart (id),
    expires_at timestamptz not null
);

create table reservation_policy (
    channel_id   text primary key,
    mode         text        not null, -- ON_ADD (hold for hold_minutes) or AT_CHECKOUT
    hold_minutes integer     not null,
    updated_at   timestamptz not null,
    constraint reservation_policy_hold check (hold_minutes between 1 and 10080)
);

create table customer_order (
    id                text primary key,
    kind              text        not null, -- ONLINE, TILL_SALE
    status            text        not null, -- PLACED, PAID, ALLOCATED, FULFILLED, COMPLETED, CANCELLED
    cart_id           text unique,          -- one order per cart, whatever is submitted
    channel_id        text        not null,
    location_id       text,                 -- the store of a till sale
    currency          text        not null,
    country           text        not null,
    customer          text,                 -- the reference the order was placed under
    customer_ids      text[]      not null default '{}',
    profile_id        text,
    net               bigint      not null,
    tax               bigint      not null,
    total             bigint      not null,
    reservation_id    text,
    payment_method    text        not null,
    payment_reference text,
    payment_due_at    timestamptz,
    cancel_reason     text,
    placed_at         timestamptz not null,
    paid_at           timestamptz,
    allocated_at      timestamptz,
    fulfilled_at      timestamptz,
    completed_at      timestamptz,
    cancelled_at      timestamptz,
    updated_at        timestamptz not null,
    constraint customer_order_total check (total = net + tax and total >= 0)
);
create index customer_order_customer_ids_idx on customer_order using gin (customer_ids);
create index customer_order_profile_idx on customer_order (profile_id, id);
create index customer_order_unpaid_idx on customer_order (payment_due_at) where status = 'PLACED';

create table order_line (
    order_id   text    not null references customer_order (id),
    position   integer not null,
    sku        text    not null,
    quantity   integer not null,
    unit_gross bigint  not null,
    unit_net   bigint  not null,
    unit_tax   bigint  not null,
    tax_rate   numeric not null,
    primary key (order_id, position),
    constraint order_line_quantity_positive check (quantity > 0)
);
