-- A conversation's messages are read by conversation_id when it is classified, shown and
-- answered. As for the line tables (V2026_12_1_1, ADR 0032): until ANALYZE has sampled the table,
-- PostgreSQL guesses that 0.5 % of it shares a conversation_id, a session that prices the shared
-- (generic) plan of such a read before then keeps that price, and it then plans the read anew on
-- every call for the life of its connection. So conversation_id starts with a prior: a
-- conversation has a handful of messages. ANALYZE replaces it with what it measures; statistics
-- already gathered are left alone; PostgreSQL before 18 keeps its own guess.
do $$
begin
    if current_setting('server_version_num')::int >= 180000 then
        perform pg_restore_attribute_stats(
                    'schemaname', current_schema()::text, 'relname', 'conversation_message',
                    'attname', 'conversation_id', 'inherited', false, 'null_frac', 0::real, 'avg_width', 30,
                    'n_distinct', -0.2::real)
          where not exists (select 1 from pg_stats s
                             where s.schemaname = current_schema() and s.tablename = 'conversation_message'
                               and s.attname = 'conversation_id');
    end if;
end $$;
