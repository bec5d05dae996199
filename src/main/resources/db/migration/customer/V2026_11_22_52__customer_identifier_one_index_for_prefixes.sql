-- Identifier values compare byte by byte (collation "C": equality is unchanged, as every
-- collation here is deterministic), so the primary key also answers the prefix searches
-- (value like 'ana@%') and the separate text_pattern_ops index, one more index entry for every
-- identifier that identity resolution inserts, goes.
alter table identifier alter column value type text collate "C";
drop index identifier_value_prefix_idx;
