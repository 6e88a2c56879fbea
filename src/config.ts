// Configuration: read from the environment once, validated, then passed in. Nothing else reads process.env.
import { z } from 'zod';
import { parseEgressAllow, type EgressPolicy } from './channels/egress.ts';
import { EVENT_RETENTION_DAYS } from './events/retention.ts';
import { DEFAULT_MAILBOX_CONNECTIONS } from './worker/mailbox/slots.ts';
import { SNAPSHOT_MAX_OPEN, SNAPSHOT_MAX_TOTAL, type MatchCopyLimits } from './reconciliation/copy-limits.ts';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  COBRO_PG_RLS: z.enum(['on', 'off']).default('on'),
  COBRO_DATA_DIR: z.string().default('./.cobro-data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  COBRO_DEMO: z.enum(['0', '1']).default('1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COBRO_PUBLIC_URL: z.string().url().optional(),
  COBRO_WORKER_INTERVAL: z.coerce.number().int().min(0).max(86_400).default(60),
  COBRO_SECRET_KEY: z.string().min(16).optional(),
  COBRO_FIELD_KEY: z.string().min(16).optional(),
  COBRO_FIELD_KEY_PREVIOUS: z.string().min(16).optional(),
  COBRO_PROVIDER_SECRETS: z.string().optional(),
  COBRO_OPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  COBRO_METRICS_TOKEN: z.string().min(16).optional(),
  COBRO_TRUST_PROXY: z.string().regex(/^(true|false|\d+|[\d.:a-fA-F/]+(,[\d.:a-fA-F/]+)*)$/, 'true, false, a number of hops, or addresses/CIDRs separated by commas').optional(),
  COBRO_RATE_PORTAL_TOKEN: z.coerce.number().int().min(0).optional(),
  COBRO_RATE_PORTAL_IP: z.coerce.number().int().min(0).optional(),
  COBRO_RATE_WEBHOOK_IP: z.coerce.number().int().min(0).optional(),
  COBRO_MAILBOX_CONNECTIONS: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_MAILBOX_CONNECTIONS),
  COBRO_SHUTDOWN_TIMEOUT: z.coerce.number().int().min(1).max(3600).default(30),
  COBRO_LLM_BASE_URL: z.string().url().optional(),
  COBRO_LLM_MODEL: z.string().min(1).optional(),
  COBRO_LLM_API_KEY: z.string().min(1).optional(),
  COBRO_LLM_TIMEOUT: z.coerce.number().int().min(1).max(120).default(10),
  COBRO_LLM_PHRASE: z.enum(['0', '1']).default('0'),
  COBRO_EGRESS_ALLOW: z.string().optional().superRefine((v, ctx) => {
    try { parseEgressAllow(v); } catch (e) { ctx.addIssue({ code: 'custom', message: (e as Error).message }); }
  }),
  COBRO_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(EVENT_RETENTION_DAYS),
  COBRO_MATCH_COPY_MAX_OPEN: z.coerce.number().int().min(0).default(SNAPSHOT_MAX_OPEN),
  COBRO_MATCH_COPY_BUDGET: z.coerce.number().int().min(0).default(SNAPSHOT_MAX_TOTAL),
}).refine((c) => !c.COBRO_LLM_BASE_URL === !c.COBRO_LLM_MODEL, { message: 'set COBRO_LLM_BASE_URL and COBRO_LLM_MODEL together', path: ['COBRO_LLM_MODEL'] });

/** How far to believe X-Forwarded-For and X-Forwarded-Proto: not at all, every proxy, N hops, or these proxies' addresses. */
function trustProxy(v: string | undefined): boolean | number | string[] {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v.split(',');
}

export interface Config {
  databaseUrl?: string;
  /** COBRO_PG_RLS (on by default; off is the escape hatch): on PostgreSQL, work runs as cobro_tenant under row-level security, as its org or as no org (src/db/pg-tenant.ts). */
  pgRls: boolean;
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
  /** The master key that wraps each org's field encryption keys (src/vault/fields); kept outside the database. */
  fieldKey?: string;
  /** The master key being replaced, during a master key rotation (`cobro keys rotate --master`). */
  fieldKeyPrevious?: string;
  /** JSON secrets for `cobro providers set --secrets -`, so they stay out of shell history. */
  providerSecrets?: string;
  /** The ops listener's port (/health, /ready, /metrics): always open in the worker role (9464 by default), optional in the others. */
  opsPort?: number;
  /** Bearer token /metrics asks for; required to read /metrics on the API's own port. */
  metricsToken?: string;
  trustProxy: boolean | number | string[];
  /** Requests per minute: portal per link token, portal per address, webhooks per provider and address (0: no limit). */
  rateLimits: { portalPerToken?: number; portalPerIp?: number; webhookPerIp?: number };
  /** Seconds a SIGTERM waits for in-flight work before the process gives up and exits with 1. */
  shutdownTimeout: number;
  /** COBRO_MAILBOX_CONNECTIONS (50): the most IMAP mailboxes a worker process is connected to at once; the others wait their turn. */
  mailboxConnections: number;
  /** The optional OpenAI-compatible endpoint the agent may ask to read replies, and to reword answers (orgs opt in with `use_llm`). */
  llm?: { baseUrl: string; model: string; apiKey?: string; timeoutMs: number; phrase?: boolean };
  /**
   * COBRO_EGRESS_ALLOW: the private addresses (CIDRs) and host names that URLs an org supplies (event webhook endpoints, the
   * webhook channel) may reach, for on-premises targets; by default only public addresses are (against SSRF).
   */
  egress: EgressPolicy;
  /** COBRO_EVENT_RETENTION_DAYS (90): events and their delivery attempts older than this are deleted by the worker. */
  eventRetentionDays: number;
  /** COBRO_MATCH_COPY_MAX_OPEN (1,000,000) and COBRO_MATCH_COPY_BUDGET (1,500,000): the in-memory copies matching reads. */
  matchCopy: MatchCopyLimits;
}

/**
 * Whether this process runs under node's test runner (`node --test` sets NODE_TEST_CONTEXT in every test file's process;
 * nothing else sets it). A guard, not a setting: only there may passwords be hashed below production's cost
 * (`src/orgs/password-cost.ts`), and no configuration value lowers that cost.
 */
export const UNDER_TEST_RUNNER = Boolean(process.env.NODE_TEST_CONTEXT);

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
    pgRls: c.COBRO_PG_RLS === 'on',
    dataDir: c.COBRO_DATA_DIR,
    port: c.PORT,
    host: c.HOST,
    demo: c.COBRO_DEMO === '1',
    logLevel: c.LOG_LEVEL,
    ...(c.COBRO_PUBLIC_URL ? { publicUrl: c.COBRO_PUBLIC_URL } : {}),
    workerInterval: c.COBRO_WORKER_INTERVAL,
    ...(c.COBRO_SECRET_KEY ? { secretKey: c.COBRO_SECRET_KEY } : {}),
    ...(c.COBRO_FIELD_KEY ? { fieldKey: c.COBRO_FIELD_KEY } : {}),
    ...(c.COBRO_FIELD_KEY_PREVIOUS ? { fieldKeyPrevious: c.COBRO_FIELD_KEY_PREVIOUS } : {}),
    ...(c.COBRO_PROVIDER_SECRETS ? { providerSecrets: c.COBRO_PROVIDER_SECRETS } : {}),
    ...(c.COBRO_OPS_PORT !== undefined ? { opsPort: c.COBRO_OPS_PORT } : {}),
    ...(c.COBRO_METRICS_TOKEN ? { metricsToken: c.COBRO_METRICS_TOKEN } : {}),
    trustProxy: trustProxy(c.COBRO_TRUST_PROXY),
    rateLimits: {
      ...(c.COBRO_RATE_PORTAL_TOKEN !== undefined ? { portalPerToken: c.COBRO_RATE_PORTAL_TOKEN } : {}),
      ...(c.COBRO_RATE_PORTAL_IP !== undefined ? { portalPerIp: c.COBRO_RATE_PORTAL_IP } : {}),
      ...(c.COBRO_RATE_WEBHOOK_IP !== undefined ? { webhookPerIp: c.COBRO_RATE_WEBHOOK_IP } : {}),
    },
    shutdownTimeout: c.COBRO_SHUTDOWN_TIMEOUT,
    mailboxConnections: c.COBRO_MAILBOX_CONNECTIONS,
    egress: parseEgressAllow(c.COBRO_EGRESS_ALLOW),
    eventRetentionDays: c.COBRO_EVENT_RETENTION_DAYS,
    matchCopy: { maxOpen: c.COBRO_MATCH_COPY_MAX_OPEN, maxTotal: c.COBRO_MATCH_COPY_BUDGET },
    ...(c.COBRO_LLM_BASE_URL && c.COBRO_LLM_MODEL ? { llm: { baseUrl: c.COBRO_LLM_BASE_URL, model: c.COBRO_LLM_MODEL, timeoutMs: c.COBRO_LLM_TIMEOUT * 1000,
      ...(c.COBRO_LLM_API_KEY ? { apiKey: c.COBRO_LLM_API_KEY } : {}), ...(c.COBRO_LLM_PHRASE === '1' ? { phrase: true } : {}) } } : {}),
  };
}
