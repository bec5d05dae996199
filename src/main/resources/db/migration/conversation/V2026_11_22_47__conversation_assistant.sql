-- The channels whose new conversations the self-service assistant takes first, and the locale it answers in.
create table assistant_channel (
    channel_id text primary key,
    locale     text        not null,
    enabled_at timestamptz not null
);
