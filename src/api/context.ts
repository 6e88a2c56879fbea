// What every route gets: the database, the clock, and the authenticated key's org and role.
import type { Db } from '../db/index.ts';
import type { PasswordCost, Role } from '../orgs/index.ts';
import type { Adapters } from '../worker/index.ts';
import type { AgentRuntime } from '../agent/index.ts';
import type { EgressPolicy } from '../channels/index.ts';

export interface ApiDeps {
  db: Db;
  /** The clock, passed in so tests and simulations control "now". */
  now: () => Date;
  /** Where messages go (the sandbox unless providers are configured) and the public URL their links use. */
  messaging?: { adapters: Adapters; publicUrl: string };
  /** COBRO_PUBLIC_URL as the operator set it (unset: none), for the webhook URLs GET /v1/providers says to register. */
  publicUrl?: string;
  /** COBRO_SECRET_KEY, which seals provider credentials (see src/vault); unset uses a key kept in the database. */
  secretKey?: string;
  /** The agent's optional LLM, for the turns the API runs at once (the portal chat); unset means the built-in reading only. */
  agent?: AgentRuntime;
  /** COBRO_EGRESS_ALLOW: the private addresses webhook endpoint URLs may name; unset allows public addresses only. */
  egress?: EgressPolicy;
  /** COBRO_EVENT_RETENTION_DAYS: how long events and their delivery attempts are kept (shown by /v1/events/retention). */
  eventRetentionDays?: number;
  /** The cost new password hashes are made at: production's (PASSWORD_COST) unless a test harness gives a cheaper one. */
  passwordCost?: PasswordCost;
  /** The portal chat's pushed answers (GET /portal/api/chat/stream): its limits, the defaults unless a test gives its own. */
  chatStream?: Partial<ChatStreamLimits>;
}

export interface ChatStreamLimits {
  /** How often an open stream says it is alive and checks its link and session again (20 s). */
  heartbeatMs: number;
  /** Open streams per portal session (the link, or its second factor's session), across all API processes: 3. */
  perSession: number;
  /** Open streams in this process, its own resource limit (sockets, memory), not shared with other processes: 1,000. */
  overall: number;
}

export interface AuthInfo {
  orgId: string;
  role: Role;
  keyId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthInfo | null;
    idempotency: { key: string; hash: string } | null;
  }
  interface FastifyContextConfig {
    /** Roles allowed on this route; absent means any authenticated role may read and non-viewers may write. */
    roles?: Role[];
    /** Public routes (health, docs) need no key. */
    public?: boolean;
  }
}
