-- Console users; passwords only as adaptive hashes ({bcrypt}...).
create table staff_member (
    id            text primary key,
    username      text        not null unique,
    display_name  text        not null,
    role          text        not null,
    password_hash text        not null,
    enabled       boolean     not null,
    created_at    timestamptz not null
);
