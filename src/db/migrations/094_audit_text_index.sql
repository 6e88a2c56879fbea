-- The audit search's free text (src/audit/search.ts) found by a trigram index instead of a scan of the org's whole log.
-- The index holds one text per entry: its actor, action, object id and data (jsonb's text form) joined by the control
-- character 0x1f, which jsonb's text form never holds (it writes \u001f) and a search's words do not: words without it
-- are in the joined text (ILIKE, case aside) exactly when they are in one of the four, as the search looked before. A
-- search whose words hold 0x1f looks in the four one by one, as before, without the index (src/audit/search.ts).
-- It needs PostgreSQL's pg_trgm extension (in contrib; PGlite loads it in src/db/pglite.ts). Made in schema public when
-- missing, so that every schema of the database shares it; without it the migration stops and says what to do.
-- An operator with tens of millions of entries can build the index beforehand without holding writers back
-- (CREATE INDEX CONCURRENTLY audit_log_text ... as below, outside a transaction): the migration then keeps it.
DO $$ DECLARE s text; BEGIN SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'; IF s IS NULL THEN BEGIN CREATE EXTENSION pg_trgm SCHEMA public; EXCEPTION WHEN OTHERS THEN RAISE EXCEPTION 'migration 094 (the audit search index) needs the pg_trgm extension: %', SQLERRM USING HINT = 'install PostgreSQL''s contrib package, or have a superuser run CREATE EXTENSION pg_trgm SCHEMA public in this database, then start cobro again'; END; s := 'public'; END IF; EXECUTE format('CREATE INDEX IF NOT EXISTS audit_log_text ON audit_log USING gin ((actor || E''\x1f'' || action || E''\x1f'' || entity_id || E''\x1f'' || data::text) %I.gin_trgm_ops)', s); END $$;

-- Row-level security keeps cobro_tenant's ILIKE from reaching the index (PostgreSQL uses only leakproof operators ahead of
-- a policy, and ILIKE is not one), so an org's search looks its matches up here, as the owner, for the org its session
-- names and no other (cobro.org_id, the policy's own test: any other org, or none, finds nothing): the places (pos) of
-- the newest p_count entries before p_before whose joined text holds the pattern (one without 0x1f), newest first. The statement is planned
-- with the pattern known (EXECUTE), so the planner weighs a rare word (the index) against a common one (the log backwards).
CREATE FUNCTION audit_text_places(p_org text, p_pattern text, p_before bigint, p_count int) RETURNS SETOF bigint LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$ BEGIN IF p_org = '' OR p_org IS DISTINCT FROM current_setting('cobro.org_id', true) THEN RETURN; END IF; RETURN QUERY EXECUTE 'SELECT a.pos FROM audit_log a WHERE a.org_id = $1 AND a.pos < $3 AND (a.actor || E''\x1f'' || a.action || E''\x1f'' || a.entity_id || E''\x1f'' || a.data::text) ILIKE $2 ESCAPE ''\'' ORDER BY a.pos DESC LIMIT $4' USING p_org, p_pattern, p_before, p_count; END $$;
REVOKE ALL ON FUNCTION audit_text_places(text, text, bigint, int) FROM PUBLIC;
DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cobro_tenant') THEN GRANT EXECUTE ON FUNCTION audit_text_places(text, text, bigint, int) TO cobro_tenant; END IF; END $$;
