-- Files that came as links with an SMS, WhatsApp, Messenger or Instagram message, fetched after the message
-- was stored (so that a slow or failing provider never loses it) into conversation_attachment. state: PENDING
-- (due_at: when a node may try; a claimed row is leased by moving due_at), STORED (attachment_id), FAILED
-- (failure says why; the link stays in the message's text).
create table message_media (
    id            text primary key,
    message_id    text        not null references conversation_message (id),
    channel_id    text        not null,
    url           text        not null,
    declared_type text,
    state         text        not null,
    attempts      integer     not null default 0,
    failure       text,
    attachment_id text,
    due_at        timestamptz not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index message_media_due_idx on message_media (due_at) where state = 'PENDING';
create index message_media_message_idx on message_media (message_id);
