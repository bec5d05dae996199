-- The catalog: products with their variants, kits, channel content and assortment.
-- Search runs over a generated tsvector of the default title, description and attribute values;
-- the 'simple' configuration keeps Portuguese and English words as written (no stemming).
create table product (
    id           text primary key,
    handle       text        not null unique,
    status       text        not null check (status in ('DRAFT', 'ACTIVE', 'ARCHIVED')),
    title        text        not null,
    description  text        not null default '',
    attributes   jsonb       not null default '{}',
    images       jsonb       not null default '[]',
    all_channels boolean     not null default true,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    search       tsvector generated always as (
                     setweight(to_tsvector('simple', title), 'A')
                     || setweight(to_tsvector('simple', description), 'B')
                     || setweight(jsonb_to_tsvector('simple', attributes, '["string", "numeric"]'), 'C')) stored
);
create index product_search_idx on product using gin (search);

create table variant (
    id           text primary key,
    product_id   text        not null references product (id) on delete cascade,
    sku          text        not null unique,
    barcode      text unique,
    options      jsonb       not null default '{}',
    weight_grams integer check (weight_grams >= 0),
    tax_category text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index variant_product_idx on variant (product_id);

-- A kit variant is sold as one unit made of components, which inventory reserves all-or-none.
create table kit_component (
    kit_id       text    not null references variant (id) on delete cascade,
    component_id text    not null references variant (id),
    quantity     integer not null check (quantity > 0),
    primary key (kit_id, component_id)
);
create index kit_component_component_idx on kit_component (component_id);

-- Assortment: a product with all_channels = false is sold only in the channels listed here.
create table product_channel (
    product_id text not null references product (id) on delete cascade,
    channel_id text not null,
    primary key (product_id, channel_id)
);

-- Title and description per locale, for every channel (channel_id null) or for one channel;
-- the product row holds the default.
create table product_content (
    product_id  text not null references product (id) on delete cascade,
    channel_id  text,
    locale      text not null,
    title       text not null,
    description text not null default ''
);
create unique index product_content_uq on product_content (product_id, coalesce(channel_id, ''), locale);
