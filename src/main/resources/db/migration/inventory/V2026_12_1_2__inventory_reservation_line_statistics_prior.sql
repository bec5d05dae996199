-- A reservation's lines are read by its id: they start with a prior of a few lines per reservation
-- until ANALYZE measures them, as the order module's lines do (V2026_12_1_1, ADR 0032).
do $$
begin
    if current_setting('server_version_num')::int >= 180000
       and not exists (select 1 from pg_stats
                        where schemaname = current_schema() and tablename = 'reservation_line'
                          and attname = 'reservation_id') then
        perform pg_restore_attribute_stats(
                    'schemaname', current_schema()::text, 'relname', 'reservation_line'::text,
                    'attname', 'reservation_id'::text, 'inherited', false, 'null_frac', 0::real,
                    'avg_width', 31, 'n_distinct', -0.3::real);
    end if;
end $$;
