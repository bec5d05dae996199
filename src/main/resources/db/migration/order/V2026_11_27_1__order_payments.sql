-- Every amount taken for an order, by the method that took it: the parts of a split
-- checkout (store credit plus a card), a payment taken later, an exchange's charged
-- difference. What is refunded of each part stays within what that part took (a
-- conditional UPDATE under the parts' row locks); the order's refunded total may then
-- exceed its own total by the differences charged on it.
create table order_payment (
    order_id   text        not null references customer_order (id),
    n          int         not null, -- 1, 2, … in the order taken
    method     text        not null,
    reference  text        not null, -- the provider's id for the payment
    amount     bigint      not null,
    currency   text        not null,
    refunded   bigint      not null default 0,
    kind       text        not null, -- CHECKOUT, PAYMENT (taken later), CHARGE (an exchange's difference)
    created_at timestamptz not null,
    primary key (order_id, n),
    constraint order_payment_amount_positive check (amount > 0),
    constraint order_payment_refunded check (refunded between 0 and amount)
);

alter table customer_order drop constraint customer_order_refunded;
alter table customer_order add constraint customer_order_refunded check (refunded >= 0);
