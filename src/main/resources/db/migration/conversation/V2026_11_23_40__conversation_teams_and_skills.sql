-- Teams of agents, the skills each agent has, and the rules that put a new conversation in a
-- team's queue with the skills it needs. conversation.team keeps holding a team's name (the key
-- SLA policies and measures already use).
create table conversation_team (
    id         text primary key,
    name       text        not null unique,
    created_at timestamptz not null
);

create table conversation_team_member (
    team_id  text not null references conversation_team (id) on delete cascade,
    staff_id text not null references agent (staff_id),
    primary key (team_id, staff_id)
);
create index conversation_team_member_staff_idx on conversation_team_member (staff_id);

-- Skills as "kind:value": language:fr, topic:returns, channel:SMS
create table agent_skill (
    staff_id text not null references agent (staff_id),
    skill    text not null,
    primary key (staff_id, skill)
);

-- Tried in position order when a conversation opens; the first that matches decides.
create table conversation_routing_rule (
    id                  text primary key,
    position            integer     not null,
    name                text        not null,
    language            text,
    topic               text,
    -- any of them in the first message names the topic
    keywords            text[]      not null default '{}',
    medium              text,
    team_id             text        not null references conversation_team (id),
    skills              text[]      not null,
    -- null: wait in the queue for a skilled agent; else after this long any online agent may take it
    widen_after_minutes integer check (widen_after_minutes between 0 and 10080),
    created_at          timestamptz not null
);
create index conversation_routing_rule_order_idx on conversation_routing_rule (position, id);

alter table conversation
    add column language        text,
    add column topic           text,
    add column required_skills text[] not null default '{}',
    -- until when the team and skills restrict routing; null with skills: until someone takes it
    add column restricted_until timestamptz,
    add column merged_into     text,
    add column merged_at       timestamptz;
create index conversation_team_idx on conversation (team, id desc) where status <> 'RESOLVED';
