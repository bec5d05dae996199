-- Refunds of orders: each one as the payment provider answered it, and the running total
-- on the order, which a conditional UPDATE keeps at or under what was captured.

alter table customer_order add column refunded bigint not null default 0;
alter table customer_order add constraint customer_order_refunded check (refunded between 0 and total);

create table order_refund (
    id               text primary key, -- ref_ ULID
    order_id         text        not null references customer_order (id),
    amount           bigint      not null,
    currency         text        not null,
    payment_method   text        not null,
    reference        text        not null, -- the provider's id for the refund
    reason           text        not null, -- cancelled, return, …
    source_reference text,                 -- what caused it (a return ret_…)
    created_at       timestamptz not null,
    constraint order_refund_amount_positive check (amount > 0)
);
create index order_refund_order_idx on order_refund (order_id, id);
