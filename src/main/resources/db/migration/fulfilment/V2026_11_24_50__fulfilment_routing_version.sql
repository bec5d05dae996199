-- A counter bumped in the same transaction as every change of the routing rules or of a location's routing
-- settings: each node keeps a copy of both and checks the counter with every decision (in the statement that
-- reads the capacity used), so that a change made through any node is seen by the next decision on all.
create table routing_version (
    id      smallint primary key default 1,
    version bigint not null,
    constraint routing_version_single_row check (id = 1)
);
insert into routing_version (id, version) values (1, 0);
