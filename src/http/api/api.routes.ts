/**
 * The JSON API under /api/v1, described by OpenAPI 3.1 at /api/v1/openapi.json. Each route module is thin:
 * parse (zod) → service → serialize. Errors are problem documents (see ../problem.ts).
 */
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../composition-root.js';
import { registerCaseRoutes } from './case.routes.js';
import { registerWorklistRoutes } from './worklist.routes.js';

export const API_PREFIX = '/api/v1';

export async function registerApi(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Victim Care API',
        version: '1',
        description:
          "Casework, obligations and worklists for the Code of Practice for Victims of Crime and the Witness Charter. Authenticate with `Authorization: Bearer <token>` (service accounts) or a signed-in session (with `x-csrf-token`). Errors are RFC 9457 problem documents naming each bad field.",
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
      const typed = api.withTypeProvider<ZodTypeProvider>();
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      registerCaseRoutes(typed, services);
      registerWorklistRoutes(typed, services);
    },
    { prefix: API_PREFIX },
  );
}
