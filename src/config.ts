import { z } from 'zod';
import { trustProxySetting } from './http/trust-proxy.js';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Behind a reverse proxy: how many proxies stand in front (1), or their addresses and CIDR ranges; `true` is refused (src/http/trust-proxy.ts). */
  TRUST_PROXY: trustProxySetting,
  CAMUNDA_REST_ADDRESS: z.url().optional(),
  ENGINE_CLOCK_CONTROL: flag,
  /** 8.6: the embedded engine answers as Camunda 8.6's REST API did (keys as JSON numbers, jobs without their listener event), for testing the app against older brokers. */
  ENGINE_REST_DIALECT: z.enum(['8.9', '8.6']).default('8.9'),
  /** The embedded engine's search and gets see a new row only this long after it was written, and a clock change answers before its timers fire, as on a cluster behind its exporter. */
  ENGINE_SEARCH_LAG_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKERS: z.enum(['in-process', 'off']).default('in-process'),
  /** How the workers take jobs: `jobs`, Camunda 8's job workers over /v2; `external-task`, Camunda 7's external-task protocol over the embedded engine's /engine-rest (src/jobs/external-task-runtime.ts). */
  WORKER_TRANSPORT: z.enum(['jobs', 'external-task']).default('jobs'),
  /** Jobs each worker handles at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How long a job stays locked to the worker that took it; then (a worker that died) the engine hands it out again. */
  WORKER_JOB_TIMEOUT_MS: z.coerce.number().int().min(1000).max(86_400_000).default(60_000),
  /** Longest wait between attempts to reach an engine that does not answer. */
  WORKER_RECONNECT_MAX_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** On SIGTERM, how long the jobs in hand may run before they are handed back to the engine. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  /** Port of `npm run workers`' /health and /metrics (0: any free port). */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Base64 of the 32-byte key that seals client identities at rest; generated into DATA_DIR when absent (src/security/identity-key.ts). */
  IDENTITY_KEY: z.string().min(1).optional(),
  /** Unset: the embedded engine's /v2 takes basic auth with credentials generated into DATA_DIR; BASIC: with the username and password below; NONE: no credentials, only on a loopback HOST (src/security/engine-credentials.ts). */
  CAMUNDA_AUTH_STRATEGY: z.enum(['NONE', 'BASIC', 'OAUTH']).optional(),
  CAMUNDA_BASIC_AUTH_USERNAME: z.string().min(1).optional(),
  CAMUNDA_BASIC_AUTH_PASSWORD: z.string().min(1).optional(),
  /** Single sign-on for the API (bearer JWTs): the identity provider's issuer, this API's audience and the provider's JWKS. */
  OIDC_ISSUER: z.string().min(1).optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URL: z.url().optional(),
  /** The pages' OIDC login (authorization code flow) at OIDC_ISSUER: this app's client there and its callback URL (…/api/auth/oidc/callback). */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.url().optional(),
  /** The token claim naming the user in seed/users.json. */
  OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  /** Failed sign-ins of one username, from any address, per window before it must wait (429). */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Failed sign-ins from one address, for any username, per window: loose, since a clinic signs in from behind one NAT. */
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
  SIGN_IN_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(86_400_000)
    .default(15 * 60_000),
  /** Minutes a session may go unused before it ends, beside its absolute 10 hours. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(600).default(30),
  /** How long a case may be without a process instance before the intake reconciler gives it one; default 30 s embedded, 5 min on a cluster (src/intake/intake-reconciler.ts). */
  INTAKE_RECONCILE_GRACE_MS: z.coerce.number().int().min(0).max(86_400_000).optional(),
  /** How often the intake reconciler looks for cases without a process instance. */
  INTAKE_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(60_000),
});

/** The service's configuration, read from the environment once at start. */
export type Config = z.infer<typeof Env>;

/** Parses the environment; a bad value throws one error naming every offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration — ${problems.join('; ')}`);
  }
  return parsed.data;
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}
