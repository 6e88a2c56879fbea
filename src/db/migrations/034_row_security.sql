-- Row-level security, the second wall behind the routes' org filters: a role that sees only the rows of the org named in
-- the session setting cobro.org_id. The policies bind every role but the tables' owner (the role cobro connects as); work for
-- one org switches to cobro_tenant (src/db/pg-tenant.ts) when COBRO_PG_RLS=on. Each statement sits on one line because
-- the migration runner splits on semicolons at line ends.

-- The role is cluster-wide: another database or schema may have made it already, or may be making it at this moment.
-- An owner not allowed to create roles gets a notice, and COBRO_PG_RLS=on then refuses to start, naming the role.
DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cobro_tenant') THEN CREATE ROLE cobro_tenant NOLOGIN; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; WHEN insufficient_privilege THEN RAISE NOTICE 'cobro_tenant not created (%); row-level security cannot be turned on', SQLERRM; END $$;

-- The connecting role may take on cobro_tenant (a superuser may already), and cobro_tenant may use this schema's tables
-- and make its own (an import's stage table, which holds one import's rows and is dropped at its end).
DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cobro_tenant') THEN IF NOT pg_has_role(current_user, 'cobro_tenant', 'MEMBER') THEN EXECUTE format('GRANT cobro_tenant TO %I', current_user); END IF; EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO cobro_tenant', current_schema()); EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO cobro_tenant', current_schema()); EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO cobro_tenant', current_schema()); EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cobro_tenant', current_schema()); EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO cobro_tenant', current_schema()); END IF; END $$;

-- Every table with an org_id column holds one org's rows: cobro_tenant reads and writes only those of cobro.org_id. An
-- unset setting matches nothing. A later migration adding such a table adds its policy the same way.
DO $$ DECLARE t text; BEGIN FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1 LOOP EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t); EXECUTE format('CREATE POLICY org_rows ON %I USING (org_id = current_setting(''cobro.org_id'', true)) WITH CHECK (org_id = current_setting(''cobro.org_id'', true))', t); END LOOP; END $$;

-- The org's own row; orgs are made and listed by the owner (sign-up, the CLI, the worker), never inside one org's work.
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON orgs USING (id = current_setting('cobro.org_id', true)) WITH CHECK (id = current_setting('cobro.org_id', true));

-- Left without a policy, as they hold no org's data: schema_migrations, secrets (cobro's own key), sign_in_attempts (by
-- address, before any org is known) and provider_rate_slots (a provider's shared send rate).
