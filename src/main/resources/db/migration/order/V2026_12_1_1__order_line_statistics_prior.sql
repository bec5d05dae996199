-- A cart's lines, an order's lines and its payments are read by their parent's id, many times a
-- second from a new database's first minutes. Until ANALYZE has sampled a table, PostgreSQL has no
-- statistics for that id and guesses that 0.5 % of the table shares it (31 rows of 6,000 lines
-- instead of 3). Autovacuum's first pass vacuums the table, which makes every session re-plan
-- the statements that read it, and analyzes it a few milliseconds later. A session that re-plans
-- a statement in that gap prices its shared (generic) plan at the 0.5 % guess, and keeps that price:
-- PostgreSQL then plans the statement anew on every later call, because each of those plans
-- (priced with the real statistics) looks cheaper than the stale price of the shared one, until the
-- connection closes. The cart's locked read was planned on 31-100 % of its calls in the benchmark.
-- So each of these ids starts with a prior: a parent has a few children (n_distinct, as a negative
-- fraction of the rows). ANALYZE replaces it with what it measures. Statistics already gathered are
-- left alone; PostgreSQL before 18 has no pg_restore_attribute_stats and keeps its own guess.
-- See docs/adr/0032-statistics-prior.md.
do $$
begin
    if current_setting('server_version_num')::int >= 180000 then
        perform pg_restore_attribute_stats(
                    'schemaname', current_schema()::text, 'relname', t.relname, 'attname', t.attname,
                    'inherited', false, 'null_frac', 0::real, 'avg_width', t.width, 'n_distinct', t.n_distinct)
           from (values ('cart_line', 'cart_id', 31, -0.3::real),
                        ('order_line', 'order_id', 31, -0.3::real),
                        ('order_payment', 'order_id', 31, -0.9::real)) t(relname, attname, width, n_distinct)
          where not exists (select 1 from pg_stats s
                             where s.schemaname = current_schema() and s.tablename = t.relname
                               and s.attname = t.attname);
    end if;
end $$;
