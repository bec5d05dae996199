create table conversation_tag (
    conversation_id text        not null references conversation (id),
    tag             text        not null,
    added_at        timestamptz not null,
    added_by        text        not null,
    primary key (conversation_id, tag)
);
create index conversation_tag_tag_idx on conversation_tag (tag, conversation_id desc);

-- A colleague named with @username in a private note.
create table conversation_mention (
    id              text primary key,
    conversation_id text        not null references conversation (id),
    message_id      text        not null references conversation_message (id),
    staff_id        text        not null,
    by_id           text,
    by_name         text        not null,
    created_at      timestamptz not null,
    read_at         timestamptz
);
create index conversation_mention_staff_idx on conversation_mention (staff_id, id desc);

-- Answers agents insert, with {{variables}} filled when inserted; team_id null: for everyone.
create table canned_reply (
    id         text primary key,
    team_id    text references conversation_team (id) on delete cascade,
    title      text        not null,
    body       text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

-- Who merged which conversation into which, and how many messages moved.
create table conversation_merge (
    merged_id      text primary key references conversation (id),
    survivor_id    text        not null references conversation (id),
    merged_by      text        not null,
    messages_moved integer     not null,
    merged_at      timestamptz not null
);
create index conversation_merge_survivor_idx on conversation_merge (survivor_id);
