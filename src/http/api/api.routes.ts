/**
 * The JSON API under /api/v1, described by OpenAPI 3.1 at /api/v1/openapi.json. Each route module is thin:
 * parse (zod) → service → serialize. Errors are problem documents (see ../problem.ts).
 */
import { createHash } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../composition-root.js';
import { problem, sendProblem } from '../problem.js';
import { registerAdminRoutes } from './admin.routes.js';
import { registerAuditRoutes } from './audit.routes.js';
import { registerCaseRoutes } from './case.routes.js';
import { registerComplianceRoutes } from './compliance.routes.js';
import { registerLetterRoutes } from './letter.routes.js';
import { registerWorklistRoutes } from './worklist.routes.js';

export const API_PREFIX = '/api/v1';

/** Requests per minute one client (bearer token, session or address) may make to the API. */
export const API_RATE_LIMIT = 600;

export interface ApiRoute {
  method: string;
  url: string;
}

const registered = new WeakMap<FastifyInstance, ApiRoute[]>();

/** Every route registered under /api/v1 (HEAD excluded), for the authorisation-matrix and OpenAPI tests. */
export function listApiRoutes(app: FastifyInstance): ApiRoute[] {
  return [...(registered.get(app) ?? [])];
}

/** Who is calling, for rate limiting: a digest of their credential (never the secret itself), else the address. */
function clientKey(request: FastifyRequest): string {
  const credential = request.headers.authorization ?? request.cookies['vc_session'];
  return credential ? createHash('sha256').update(credential).digest('hex') : request.ip;
}

/** A body must be JSON: anything else is refused with 415 before it is parsed. */
async function requireJsonBody(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!hasBody || type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return;
  const doc = problem(
    415,
    'unsupported-media-type',
    'Unsupported media type',
    `The body must be JSON (application/json), not ${type || 'untyped'}`,
    [{ field: 'content-type', message: 'must be application/json' }],
  );
  await sendProblem(reply, { ...doc, instance: request.url });
}

export async function registerApi(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Victim Care API',
        version: '1',
        description:
          'Casework, obligations and worklists for the Code of Practice for Victims of Crime and the Witness Charter. Authenticate with `Authorization: Bearer <token>` (service accounts) or a signed-in session (with `x-csrf-token`). Errors are RFC 9457 problem documents naming each bad field.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'vc_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    hideUntagged: true,
  });
  await app.register(
    async (api) => {
      const routes: ApiRoute[] = [];
      registered.set(app, routes);
      api.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) {
          if (method !== 'HEAD') routes.push({ method, url: route.url });
        }
      });
      api.addHook(
        'onRequest',
        app.rateLimit({
          max: API_RATE_LIMIT,
          timeWindow: '1 minute',
          keyGenerator: (request) => clientKey(request),
        }),
      );
      api.addHook('onRequest', requireJsonBody);
      const typed = api.withTypeProvider<ZodTypeProvider>();
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      registerCaseRoutes(typed, services);
      registerWorklistRoutes(typed, services);
      registerAdminRoutes(typed, services);
      registerAuditRoutes(typed, services);
      registerComplianceRoutes(typed, services);
      registerLetterRoutes(typed, services);
    },
    { prefix: API_PREFIX },
  );
}
