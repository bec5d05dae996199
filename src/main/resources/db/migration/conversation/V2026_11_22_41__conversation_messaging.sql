-- The provider settings of a messaging channel (SMS and WhatsApp through Twilio, Messenger and
-- Instagram through Meta), keyed by the channel registry's id. Secrets are kept as given: the
-- provider's signature checks need them in clear.
create table messaging_channel (
    channel_id          text primary key,
    provider            text        not null,
    base_url            text        not null,
    -- Twilio: the account, its auth token (signs webhooks, authenticates the REST calls), the
    -- number answers are sent from (+15550001111 or whatsapp:+15550001111)
    account_sid         text,
    auth_token          text,
    from_address        text,
    -- whether a whatsapp: sender is known by its own identifier type (whatsapp) rather than as a phone
    whatsapp_identifier boolean     not null default false,
    -- Meta: the app secret (signs webhooks), the verify token of the handshake, the page token
    app_secret          text,
    verify_token        text,
    page_token          text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

-- Messages as the provider knows them (MessageSid, Meta's mid): one row per provider message, so a
-- webhook delivered twice is taken in once, and a delivery status finds its conversation message.
create table messaging_message (
    channel_id  text        not null,
    external_id text        not null,
    direction   text        not null,
    -- MESSAGE (stored in a conversation), KEYWORD (STOP/START, acknowledged, not routed)
    kind        text        not null,
    -- the conversation message, once stored; null while the webhook is being taken in
    message_id  text,
    -- the customer's address in the provider (+15551234567, whatsapp:+1555…, a PSID): answers go there
    address     text        not null,
    status      text,
    error       text,
    claimed_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (channel_id, external_id)
);
create index messaging_message_message_idx on messaging_message (message_id);
