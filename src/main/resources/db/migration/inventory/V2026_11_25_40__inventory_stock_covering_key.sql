-- Availability and routing read, for a few SKUs, the on hand, reserved, safety stock and allocated
-- units at every location. The stock of one SKU sits on as many heap pages as it has locations
-- (stock arrives location by location), so a 10-line cart over 300 locations touched ~3,000 pages.
-- The primary key now carries those four numbers (INCLUDE), so these reads are index-only scans of
-- a few leaf pages per SKU wherever the visibility map is set (autovacuum sets it; a bulk load
-- should be followed by VACUUM, see docs/benchmarks.md).
-- The price: an update of reserved/on hand/allocated is no longer HOT (INCLUDE columns are
-- indexed columns), so it writes one entry in each of the two indexes. The key takes the place of
-- the old primary key rather than adding a third index. See docs/adr/0021-covering-stock-key.md.
create unique index stock_pkey_covering on stock (sku, location_id)
    include (on_hand, reserved, safety_stock, allocated);
alter table stock_allocation drop constraint stock_allocation_sku_location_id_fkey;
alter table stock drop constraint stock_pkey;
alter table stock add constraint stock_pkey primary key using index stock_pkey_covering;
alter table stock_allocation add constraint stock_allocation_sku_location_id_fkey
    foreign key (sku, location_id) references stock (sku, location_id);
-- An update clears the visibility-map bit of its page, and the page is read from the heap again
-- until the next vacuum: vacuum the stock after 2 % of its rows changed or arrived, not 20 %.
alter table stock set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
