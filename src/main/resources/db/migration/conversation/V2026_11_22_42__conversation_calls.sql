-- Phone calls as a telephony system reports them: ringing, answered, ended, each call once per channel.
create table phone_call (
    id              text primary key,
    channel_id      text        not null,
    -- the telephony system's id of the call
    external_id     text        not null,
    caller          text        not null,
    callee          text,
    profile_id      text        not null,
    conversation_id text        not null,
    status          text        not null,
    agent_id        text,
    recording_url   text,
    disposition     text,
    ringing_at      timestamptz not null,
    answered_at     timestamptz,
    ended_at        timestamptz,
    unique (channel_id, external_id)
);
-- The console shows the calls ringing or in progress right now
create index phone_call_live_idx on phone_call (ringing_at desc) where status <> 'ENDED';
create index phone_call_profile_idx on phone_call (profile_id, ringing_at desc);
