-- Messages Omnis sends a customer on its own (her order is ready to collect…): an outbox. A notice waits
-- (PENDING) until an e-mail or SMS channel can reach her, then records how it went out.
create table customer_notice (
    id              text primary key, -- ntc_ ULID
    customer        text        not null, -- a profile id or an identifier (email:…, phone:…)
    topic           text        not null, -- pickup.ready, pickup.expired…
    reference       text,                 -- what it is about (ord_…)
    subject         text        not null,
    body            text        not null,
    status          text        not null, -- PENDING, SENT, FAILED
    medium          text,                 -- EMAIL, SMS once sent
    channel_id      text,
    address         text,
    attempts        integer     not null default 0,
    last_error      text,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index customer_notice_due_idx on customer_notice (next_attempt_at) where status = 'PENDING';
create index customer_notice_customer_idx on customer_notice (customer, created_at desc);
