create table knowledge_category (
    id         text primary key,
    slug       text        not null unique,
    name       text        not null,
    created_at timestamptz not null
);

-- A help article in one locale. body is sanitised HTML; body_text its text, for search.
create table knowledge_article (
    id            text primary key,
    slug          text        not null,
    locale        text        not null,
    category_id   text references knowledge_category (id),
    title         text        not null,
    body          text        not null,
    body_text     text        not null,
    -- what the assistant says in SMS and chat, plain text
    short_answer  text        not null,
    status        text        not null,
    -- the text-search language of the locale (english, portuguese... or simple)
    search_config regconfig   not null,
    search        tsvector generated always as (
        setweight(to_tsvector(search_config, title), 'A') ||
        setweight(to_tsvector(search_config, short_answer), 'B') ||
        setweight(to_tsvector(search_config, body_text), 'C')) stored,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    unique (locale, slug)
);
create index knowledge_article_search_idx on knowledge_article using gin (search);
create index knowledge_article_category_idx on knowledge_article (category_id, locale);
