// Builds the HTTP API: Fastify with zod schemas, OpenAPI 3.1 at /openapi.json, docs at /docs, auth, idempotency, routes.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import multipart from '@fastify/multipart';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler,
  validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from './context.ts';
import { registerAuth } from './auth.ts';
import { registerIdempotency } from './idempotency.ts';
import { errorBody } from './errors.ts';
import { healthRoutes } from './routes/health.ts';
import { customerRoutes } from './routes/customers.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { paymentRoutes } from './routes/payments.ts';
import { adjustmentRoutes } from './routes/adjustments.ts';
import { agingRoutes } from './routes/aging.ts';
import { importRoutes } from './routes/imports.ts';
import { apiKeyRoutes } from './routes/apiKeys.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { dataRightsRoutes } from './routes/data-rights.ts';
import { templateRoutes } from './routes/templates.ts';
import { auditRoutes } from './routes/audit.ts';
import { messageRoutes } from './routes/messages.ts';
import { sandboxRoutes } from './routes/sandbox.ts';
import { strategyRoutes } from './routes/strategies.ts';
import { caseRoutes } from './routes/cases.ts';
import { engineRoutes } from './routes/engine.ts';
import { userRoutes } from './routes/users.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { webRoutes } from './routes/web.ts';
import { reconciliationRoutes } from './routes/reconciliation.ts';
import { providerRoutes } from './routes/providers.ts';
import { webhookSecretRoutes } from './routes/webhook-secrets.ts';
import { webhookRegisterRoutes } from './routes/webhook-register.ts';
import { arrangementRoutes } from './routes/arrangements.ts';
import { promiseRoutes } from './routes/promises.ts';
import { planRoutes } from './routes/plans.ts';
import { disputeRoutes } from './routes/disputes.ts';
import { disputeEvidenceRoutes } from './routes/dispute-evidence.ts';
import { paymentLinkRoutes } from './routes/payment-links.ts';
import { gatewayWebhookRoutes } from './routes/gateway-webhooks.ts';
import { messagingWebhookRoutes } from './routes/messaging-webhooks.ts';
import { messageToolRoutes } from './routes/message-tools.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { settingsRoutes } from './routes/settings.ts';
import { fieldEncryptionRoutes } from './routes/field-encryption.ts';
import { portalRoutes } from './routes/portal.ts';
import { portalStaffRoutes } from './routes/portal-staff.ts';
import { portalPageRoutes } from './routes/portal-page.ts';
import { paymentReturnRoutes } from './routes/payment-return.ts';
import { agentRoutes } from './routes/agent.ts';
import { agentReviewRoutes } from './routes/agent-review.ts';
import { agentClaimRoutes } from './routes/agent-claims.ts';
import { replyAttachmentRoutes } from './routes/reply-attachments.ts';
import { customerConversationRoutes } from './routes/customer-conversation.ts';
import { agentHandoverRoutes } from './routes/agent-handovers.ts';
import { scoreRoutes } from './routes/scores.ts';
import { kpiRoutes } from './routes/kpi.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { forecastRoutes } from './routes/forecast.ts';
import { experimentRoutes } from './routes/experiments.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { worklistRoutes } from './routes/worklist.ts';
import { caseWorkRoutes } from './routes/case-work.ts';
import { ssoRoutes } from './routes/sso.ts';
import { registerObserve } from './observe.ts';
import { registerSecurityHeaders } from './headers.ts';
import { registerRateLimits, type RateLimitOptions } from './limits.ts';
import { registerRouteTable } from './route-table.ts';
import { registerOrgScope } from './org-scope.ts';
import { answerTooLarge, JSON_BODY_LIMIT, UPLOAD_FILE_LIMIT } from './body-limits.ts';
import { requestId, type ProcessRole } from '../ops/index.ts';

export interface ServerOptions {
  logger?: FastifyServerOptions['logger'];
  /** A pino logger made by src/ops/logger.ts (redaction, role); takes the place of `logger`. */
  loggerInstance?: FastifyBaseLogger;
  /** Fastify's trustProxy: whom to believe about the client's address (X-Forwarded-For) and protocol. */
  trustProxy?: FastifyServerOptions['trustProxy'] | number;
  limits?: RateLimitOptions;
  /** /metrics on this port answers only with this bearer token; without it, /metrics is on the ops port alone. */
  metrics?: { token?: string; role?: ProcessRole };
}

/** A number of hops becomes the function proxy-addr calls with each hop (Fastify's types leave the number out). */
function trustProxyOption(t: ServerOptions['trustProxy']): FastifyServerOptions['trustProxy'] {
  return typeof t === 'number' ? (_address: string, hop: number) => hop < t : t ?? false;
}

export async function buildServer(deps: ApiDeps, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ ...(opts.loggerInstance ? { loggerInstance: opts.loggerInstance } : { logger: opts.logger ?? false }),
    bodyLimit: JSON_BODY_LIMIT, routerOptions: { maxParamLength: 1000 },
    genReqId: (req) => requestId(req.headers['x-request-id']), logController: new LogController({ requestIdLogLabel: 'request_id' }),
    trustProxy: trustProxyOption(opts.trustProxy),
    // Fastify fails a plugin that takes over 10 s to start; on a machine at load ~29 the docs UI's did (its static files
    // read at registration), so an overloaded host would refuse to start rather than start slowly.
    pluginTimeout: 60_000,
  }).withTypeProvider<ZodTypeProvider>();
  registerRouteTable(app);
  registerOrgScope(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, req, reply) => {
    const err = error as Error & { statusCode?: number; validationContext?: string };
    if (hasZodFastifySchemaValidationErrors(err)) {
      const v = err.validation[0];
      const path = (v?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      const where = err.validationContext === 'body' ? path : [err.validationContext, path].filter(Boolean).join('.');
      return reply.code(400).send(errorBody({ code: 'VALIDATION_FAILED', message: `${where || 'request'}: ${v?.message ?? 'is not valid'}`, field: where }));
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return answerTooLarge(err as { code?: string }, req, reply);
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(500).send(errorBody({ code: 'INVALID_STATE', message: 'internal error' }));
    }
    return reply.code(status).send(errorBody({ code: status === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED', message: err.message }));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}` })));

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'cobro API', version: '1', description: 'Receivables ledger, imports and aging; dunning strategies, segments, cases, tasks, ticks and simulations. Money is integer minor units with an ISO 4217 currency.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'cobro_sk_... API key' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // the docs page's own policy (the plugin's, from hashes of its inline code), framed by nobody, without the https upgrade
  // that would break the docs on plain http://localhost
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' }, staticCSP: true,
    transformStaticCSP: (h: string) => h.replace(/\s*upgrade-insecure-requests;?/, '').replace("frame-ancestors 'self'", "frame-ancestors 'none'") });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await app.register(multipart, { limits: { fileSize: UPLOAD_FILE_LIMIT, files: 1, fields: 10 } });

  registerObserve(app);
  registerSecurityHeaders(app);
  registerRateLimits(app, opts.limits);
  registerAuth(app, deps);
  registerIdempotency(app, deps);
  for (const routes of [healthRoutes, customerRoutes, invoiceRoutes, paymentRoutes, adjustmentRoutes, agingRoutes, importRoutes, apiKeyRoutes, complianceRoutes, dataRightsRoutes, templateRoutes, auditRoutes, messageRoutes,
    strategyRoutes, caseRoutes, engineRoutes]) {
    await app.register(routes(deps));
  }
  for (const routes of [userRoutes, sessionRoutes, reconciliationRoutes, providerRoutes, webhookSecretRoutes, webhookRegisterRoutes]) await app.register(routes(deps));
  for (const routes of [arrangementRoutes, promiseRoutes, planRoutes, disputeRoutes, disputeEvidenceRoutes]) await app.register(routes(deps));
  for (const routes of [paymentLinkRoutes, gatewayWebhookRoutes]) await app.register(routes(deps));
  for (const routes of [messagingWebhookRoutes, messageToolRoutes, sandboxRoutes]) await app.register(routes(deps));
  await app.register(webhookRoutes(deps));
  await app.register(settingsRoutes(deps));
  await app.register(fieldEncryptionRoutes(deps));
  for (const routes of [portalRoutes, portalStaffRoutes]) await app.register(routes(deps));
  await app.register(agentRoutes(deps));
  await app.register(agentReviewRoutes(deps));
  await app.register(agentClaimRoutes(deps));
  await app.register(replyAttachmentRoutes(deps));
  await app.register(customerConversationRoutes(deps));
  await app.register(agentHandoverRoutes(deps));
  await app.register(scoreRoutes(deps));
  await app.register(kpiRoutes(deps));
  await app.register(dashboardRoutes(deps));
  await app.register(forecastRoutes(deps));
  await app.register(experimentRoutes(deps));
  for (const routes of [worklistRoutes, caseWorkRoutes]) await app.register(routes(deps));
  await app.register(ssoRoutes(deps));
  await app.register(metricsRoutes({ db: deps.db, now: deps.now, role: opts.metrics?.role ?? 'all', ...(opts.metrics?.token ? { token: opts.metrics.token } : {}) }));
  await app.register(portalPageRoutes());
  await app.register(paymentReturnRoutes(deps));
  await app.register(webRoutes());
  return app;
}
