// Configuration: read from the environment once, validated, then passed in. Nothing else reads process.env.
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  COBRO_DATA_DIR: z.string().default('./.cobro-data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  COBRO_DEMO: z.enum(['0', '1']).default('1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COBRO_PUBLIC_URL: z.string().url().optional(),
  COBRO_WORKER_INTERVAL: z.coerce.number().int().min(0).max(86_400).default(60),
  COBRO_SECRET_KEY: z.string().min(16).optional(),
  COBRO_PROVIDER_SECRETS: z.string().optional(),
});

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  demo: boolean;
  logLevel: string;
  publicUrl?: string;
  /** Seconds between worker rounds (cases, tick, dispatch) in `serve`; 0 runs no worker. */
  workerInterval: number;
  /** Seals provider credentials at rest; without it a key kept in the database is used. */
  secretKey?: string;
  /** JSON secrets for `cobro providers set --secrets -`, so they stay out of shell history. */
  providerSecrets?: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // an empty variable means unset, as shells and compose files often leave them
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const c = parsed.data;
  return {
    ...(c.DATABASE_URL ? { databaseUrl: c.DATABASE_URL } : {}),
    dataDir: c.COBRO_DATA_DIR,
    port: c.PORT,
    host: c.HOST,
    demo: c.COBRO_DEMO === '1',
    logLevel: c.LOG_LEVEL,
    ...(c.COBRO_PUBLIC_URL ? { publicUrl: c.COBRO_PUBLIC_URL } : {}),
    workerInterval: c.COBRO_WORKER_INTERVAL,
    ...(c.COBRO_SECRET_KEY ? { secretKey: c.COBRO_SECRET_KEY } : {}),
    ...(c.COBRO_PROVIDER_SECRETS ? { providerSecrets: c.COBRO_PROVIDER_SECRETS } : {}),
  };
}
