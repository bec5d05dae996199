-- What the measures need to know about a conversation beyond its current state.
alter table conversation
    add column reopen_count      integer not null default 0,
    -- the self-service assistant holds it: routing leaves it alone until it hands over
    add column assistant_active  boolean not null default false,
    add column handed_over_at    timestamptz;

-- One satisfaction survey per conversation, sent after its first resolution. No foreign key on purpose:
-- the survey message is written in a transaction of its own while this row is not committed yet, and
-- the key's share lock on the conversation would make that transaction wait for this one.
create table csat_survey (
    id              text primary key,
    conversation_id text        not null unique,
    profile_id      text        not null,
    medium          text        not null,
    -- SENT, or NOT_SENT when the channel cannot carry it (the reason in note)
    state           text        not null,
    note            text,
    message_id      text,
    sent_at         timestamptz not null,
    rating          integer check (rating between 1 and 5),
    comment         text,
    answered_at     timestamptz
);
create index csat_survey_sent_idx on csat_survey (sent_at);
