-- A return received at a location puts a RESTOCK_RETURN task in its work queue: the task
-- serves a return (ret_…), not a fulfilment, and its items are the return's lines (keyed
-- line-000, line-001…), scanned one unit at a time like a pick list.

alter table work_task alter column fulfilment_id drop not null;
alter table work_task add column return_id text;
alter table work_task add constraint work_task_serves_one check (
    (kind = 'RESTOCK_RETURN' and return_id is not null and fulfilment_id is null)
    or (kind <> 'RESTOCK_RETURN' and return_id is null and fulfilment_id is not null));
-- One open restock task per return: a second arrival is refused by the database too
create unique index work_task_open_restock_idx on work_task (return_id) where status = 'OPEN';

alter table work_task_item drop constraint work_task_item_allocation_id_fkey;
