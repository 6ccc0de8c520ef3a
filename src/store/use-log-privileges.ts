import type pg from 'pg';

/**
 * The use log may be appended to and read by the app's role, nothing else: no UPDATE, DELETE or
 * TRUNCATE, whatever the trigger of its migration does. Revoking from the owner is not enough,
 * since an owner may grant itself back, or drop the trigger: the table (with its sequence) and
 * the trigger's function are handed to the superuser running this. The app's migration creates
 * the table as the app's role, so this runs after the app's migrations, at every start of the
 * embedded cluster (idempotent); a later migration that changes audit_log needs the superuser.
 * A role that is not superuser cannot set session_replication_role, so it cannot skip the trigger.
 */
export async function keepUseLogAppendOnly(superuser: pg.Client, appRole: string): Promise<void> {
  const { rows } = await superuser.query<{ table: string | null }>("SELECT to_regclass('public.audit_log')::text AS table");
  if (!rows[0]?.table) return;
  const role = superuser.escapeIdentifier(appRole);
  await superuser.query('BEGIN');
  try {
    await superuser.query('ALTER TABLE public.audit_log OWNER TO CURRENT_USER');
    await superuser.query('ALTER FUNCTION public.audit_log_refuse_change() OWNER TO CURRENT_USER');
    await superuser.query(`REVOKE ALL ON TABLE public.audit_log FROM PUBLIC, ${role}`);
    await superuser.query(`GRANT SELECT, INSERT ON TABLE public.audit_log TO ${role}`);
    await superuser.query(`REVOKE ALL ON SEQUENCE public.audit_log_id_seq FROM PUBLIC, ${role}`);
    await superuser.query(`GRANT USAGE ON SEQUENCE public.audit_log_id_seq TO ${role}`);
    await superuser.query('COMMIT');
  } catch (error) {
    await superuser.query('ROLLBACK');
    throw error;
  }
}
