-- How a web or app order is to reach its customer, and the fulfilment that serves it once
-- routed. While fulfilment_id is set, the order's reservation_id is that fulfilment's
-- reservation: the order's own checkout hold was released in the routing transaction.
create table order_delivery (
    order_id           text primary key references customer_order (id),
    method             text             not null, -- SHIP, SAME_DAY, PICKUP, CURBSIDE
    latitude           double precision,
    longitude          double precision,
    pickup_location_id text,
    fulfilment_id      text unique,
    routing_problem    text,
    routed_at          timestamptz
);
