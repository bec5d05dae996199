-- Price lists with their prices per variant, and tax rates per country, region and category.
create table price_list (
    id            text primary key,
    name          text        not null,
    currency      text        not null,
    channel_ids   text[]      not null default '{}',
    valid_from    timestamptz,
    valid_until   timestamptz,
    tax_inclusive boolean     not null,
    priority      integer     not null default 0,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    check (valid_from is null or valid_until is null or valid_from < valid_until)
);
create unique index price_list_name_uq on price_list (lower(name));

create table price (
    price_list_id text   not null references price_list (id) on delete cascade,
    variant_id    text   not null references variant (id) on delete cascade,
    amount        bigint not null check (amount >= 0),
    primary key (price_list_id, variant_id)
);
create index price_variant_idx on price (variant_id);

-- A rate without a region applies to the whole country; a region's own rate wins over it.
create table tax_rate (
    country  text          not null,
    region   text,
    category text          not null,
    rate     numeric(9, 6) not null check (rate >= 0 and rate <= 1)
);
create unique index tax_rate_uq on tax_rate (country, coalesce(region, ''), category);
