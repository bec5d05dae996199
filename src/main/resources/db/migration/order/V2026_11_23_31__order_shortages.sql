-- Units of an order no location could serve after a rejection: the order goes on with the rest,
-- these are owed back to the customer (refund pending until a refund is recorded).
create table order_shortage (
    id          text primary key, -- sho_ ULID
    order_id    text        not null references customer_order (id),
    sku         text        not null,
    quantity    integer     not null,
    reason      text        not null,
    refund      text        not null default 'PENDING', -- PENDING, REFUNDED
    occurred_at timestamptz not null,
    constraint order_shortage_quantity_positive check (quantity > 0)
);
-- One row per re-route that found no location, so that a redelivered event adds nothing
create unique index order_shortage_once_uq on order_shortage (order_id, sku, occurred_at);
