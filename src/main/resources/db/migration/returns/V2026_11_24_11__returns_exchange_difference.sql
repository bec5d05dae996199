-- An exchange for an item of another price: the new item's gross unit price, the
-- difference (new total minus the returned amount: > 0 charged at the start through the
-- order's payment provider, < 0 given back on receipt), the charge taken and where a
-- difference owed to the customer goes (REFUND to the order's payment or STORE_CREDIT).

alter table customer_return add column exchange_unit_price bigint;
alter table customer_return add column exchange_difference bigint;
alter table customer_return add column exchange_charge_method text;
alter table customer_return add column exchange_charge_reference text;
alter table customer_return add column exchange_refund_to text;
alter table customer_return add column exchange_charge_returned text; -- the provider's refund of the charge, once cancelled
