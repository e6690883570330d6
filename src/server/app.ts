// The HTTP app: Fastify with strict validation, one error shape, API-key roles, the OpenAPI document and
// its browsable page, Prometheus metrics, and the console's static files. Routes hold no business logic.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { registerAuth } from './auth.js';
import { errorHandler } from './errors.js';
import type { Services } from './services.js';
import { actionRoutes } from './routes/actions.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { entityRoutes } from './routes/entities.js';
import { eventRoutes } from './routes/events.js';
import { exportRoutes } from './routes/export.js';
import { mediaRoutes } from './routes/media.js';
import { materialRoutes } from './routes/materials.js';
import { materialCheckRoutes } from './routes/material-checks.js';
import { systemRoutes } from './routes/system.js';
import { webhookRoutes } from './routes/webhooks.js';
import { strategyRoutes } from './routes/strategies.js';
import { guardrailRoutes } from './routes/guardrails.js';
import { reviewRoutes } from './routes/review.js';
import { qaRoutes } from './routes/qa.js';
import { workforceRoutes } from './routes/workforce.js';
import { strikeRoutes } from './routes/strikes.js';
import { caseRoutes } from './routes/cases.js';
import { auditRoutes } from './routes/audit.js';
import { statementRoutes } from './routes/statements.js';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built console (index.html); omitted when absent. */
  consoleDir?: string;
}

function ajvFor(part: 'body' | 'other') {
  // Bodies are validated strictly: no coercion, no silently removed fields. Query strings and path
  // parameters arrive as text, so they are coerced to the declared types.
  const ajv = new Ajv({ coerceTypes: part === 'other' ? 'array' : false, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

export function defaultConsoleDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // From dist/src/server the build sits at dist/console; from src/server (tests) at dist/console too.
  for (const candidate of [path.resolve(here, '../../dist/console'), path.resolve(here, '../../console')]) {
    if (fs.existsSync(path.join(candidate, 'index.html')) && fs.existsSync(path.join(candidate, 'assets'))) return candidate;
  }
  return undefined;
}

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024, return503OnClosing: true, forceCloseConnections: 'idle' });
  const bodyAjv = ajvFor('body');
  const otherAjv = ajvFor('other');
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : otherAjv).compile(schema));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    if (options.consoleDir && request.method === 'GET' && !request.url.startsWith('/v1/') && !path.extname(request.url.split('?')[0])) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    services.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigil API',
        version: '0.1.0',
        description: 'Trust & Safety risk control: ingest events, manage policies and queues, read entities and actions. Authenticate with `Authorization: Bearer <api key>`.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, services.db);
  eventRoutes(app, services);
  entityRoutes(app, services);
  catalogueRoutes(app, services);
  actionRoutes(app, services);
  mediaRoutes(app, services);
  materialRoutes(app, services);
  materialCheckRoutes(app, services);
  exportRoutes(app, services);
  webhookRoutes(app, services);
  strategyRoutes(app, services);
  guardrailRoutes(app, services);
  reviewRoutes(app, services);
  qaRoutes(app, services);
  workforceRoutes(app, services);
  strikeRoutes(app, services);
  caseRoutes(app, services);
  auditRoutes(app, services);
  statementRoutes(app, services);
  systemRoutes(app, services);

  if (options.consoleDir) {
    await app.register(fastifyStatic, { root: options.consoleDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
