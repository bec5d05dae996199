-- Resolution rewrites a profile row on every batch that touches it; free room in each page lets
-- PostgreSQL update it in place (HOT) without new index entries, as none of its indexed columns
-- changes on an ordinary update.
alter table profile set (fillfactor = 80);
