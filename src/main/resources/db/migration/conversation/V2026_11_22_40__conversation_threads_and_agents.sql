-- One thread with a customer: across her channels, or per channel (omnis.conversation.threading).
create table conversation (
    id                      text primary key,
    profile_id              text        not null,
    -- '' when threads are per customer, the channel id when they are per channel
    thread_key              text        not null,
    status                  text        not null,
    priority                text        not null,
    assignee_id             text,
    team                    text,
    -- the channel type of the last inbound message (CHAT, EMAIL...): replies go out there
    medium                  text        not null,
    last_inbound_channel_id text        not null,
    subject                 text,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    last_message_at         timestamptz not null,
    assigned_at             timestamptz,
    first_response_at       timestamptz,
    resolved_at             timestamptz
);
-- At most one thread in progress per customer (and channel): the database decides, not a JVM lock
create unique index conversation_one_open_idx on conversation (profile_id, thread_key) where status <> 'RESOLVED';
create index conversation_assignee_idx on conversation (assignee_id, medium) where status <> 'RESOLVED';
create index conversation_waiting_idx on conversation (created_at) where assignee_id is null and status <> 'RESOLVED';
create index conversation_profile_idx on conversation (profile_id, id desc);
create index conversation_status_idx on conversation (status, id desc);

create table conversation_message (
    id                text primary key,
    conversation_id   text        not null references conversation (id),
    direction         text        not null,
    medium            text        not null,
    channel_id        text        not null,
    author_kind       text        not null,
    author_id         text,
    author_name       text,
    -- always plain text: HTML is turned into text before it is stored
    body              text        not null,
    private_note      boolean     not null,
    -- auto-replies, bulk and list mail: stored, never answered, never reopen a thread
    automated         boolean     not null,
    email_message_id  text,
    email_in_reply_to text,
    email_references  text[],
    email_address     text,
    subject           text,
    -- outbound only: PENDING until the channel took it, then SENT or FAILED
    delivery          text,
    delivery_error    text,
    created_at        timestamptz not null
);
create index conversation_message_thread_idx on conversation_message (conversation_id, id);
create unique index conversation_message_email_idx on conversation_message (email_message_id)
    where email_message_id is not null;

create table conversation_attachment (
    id           text primary key,
    message_id   text        not null references conversation_message (id),
    filename     text        not null,
    content_type text        not null,
    size         bigint      not null,
    content      bytea       not null
);
create index conversation_attachment_message_idx on conversation_attachment (message_id);

-- Staff members with the AGENT role as conversations see them: presence and when they last got work.
create table agent (
    staff_id            text primary key,
    display_name        text        not null,
    presence            text        not null,
    presence_changed_at timestamptz not null,
    last_assigned_at    timestamptz
);

-- How many conversations in progress an agent takes at once, per channel type.
create table agent_capacity (
    staff_id text    not null references agent (staff_id),
    medium   text    not null,
    capacity integer not null check (capacity between 0 and 1000),
    primary key (staff_id, medium)
);

-- The web chat's visitors: which profile an anonymous id of a channel resolved to, for live replies.
create table chat_visitor (
    channel_id    text        not null,
    anonymous_id  text        not null,
    profile_id    text        not null,
    -- the widget shows what was said from here on, not the customer's earlier threads
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null,
    primary key (channel_id, anonymous_id)
);
create index chat_visitor_profile_idx on chat_visitor (profile_id);

-- The key that signs visitor tokens, made once, shared by every node.
create table conversation_secret (
    name   text primary key,
    secret text not null
);
