-- Which demo data sets were loaded into this database, so that each loads once.
create table demo_dataset (
    name      text primary key,
    loaded_at timestamptz not null
);
