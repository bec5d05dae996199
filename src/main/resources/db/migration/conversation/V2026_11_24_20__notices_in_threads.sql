-- Notices Omnis sends a customer on its own appear in her conversation (ADR 0017). A thread a notice opened
-- waits for her (awaiting_contact): nobody's, never routed, counted in no measure; when she first writes,
-- it opens as a contact then (created_at moves to that moment; notice_opened_at keeps the notice's time).
alter table conversation add column awaiting_contact boolean not null default false;
alter table conversation add column notice_opened_at timestamptz;

-- The message that shows the notice in her thread, once it has one (a notice to an identifier nobody holds
-- yet gets one when it is sent, if a profile holds it by then).
alter table customer_notice add column message_id text;
