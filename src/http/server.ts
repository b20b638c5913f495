/**
 * The HTTP server: the web pages and the JSON API (/api/v1) on one Fastify instance, stateless (sessions
 * live in the database) so several instances can run behind a load balancer.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Services } from '../composition-root.js';
import type { Config } from '../config.js';
import { webPlugin } from '../web/web.plugin.js';
import { registerPages } from '../web/pages.routes.js';
import { registerApi } from './api/api.routes.js';
import { registerAuth } from './auth.plugin.js';
import { problem, sendProblem, toProblem } from './problem.js';

export interface ServerOptions {
  services: Services;
  config: Pick<Config, 'FORCE_NAME' | 'SECURE_COOKIES' | 'TRUST_PROXY' | 'LOG_LEVEL'> & Partial<Config>;
  logger?: boolean;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { services, config } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 5 * 1024 * 1024,
  });
  // Work a request started in the background (the re-derivation after a bank-holiday change) stops
  // with the server, after its current batch: the rest stays queued for the next sweep.
  app.addHook('onClose', async () => services.rederivation.stop());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(webPlugin, { forceName: config.FORCE_NAME });
  await registerAuth(app, { services, secureCookies: config.SECURE_COOKIES });

  app.setErrorHandler(async (error, request, reply) => {
    const doc = toProblem(error, request);
    if (doc.status >= 500) request.log.error({ err: error }, 'request failed');
    if (request.url.startsWith('/api/') || request.url === '/health') return sendProblem(reply, doc);
    if (doc.status === 401) return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
    const status = doc.status === 403 || doc.status === 404 ? doc.status : doc.status >= 500 ? 500 : null;
    if (status === null) {
      reply.code(doc.status);
      return reply.renderPage('pages/error', {
        pageTitle: doc.title,
        heading: doc.title,
        message: doc.detail,
      });
    }
    return reply.renderErrorPage(status);
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return sendProblem(reply, {
        ...problem(404, 'not-found', 'Not found', `No route ${request.method} ${request.url.split('?')[0]}`),
        instance: request.url,
      });
    }
    return reply.renderErrorPage(404);
  });

  app.get('/health', async () => {
    await services.db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
    return { status: 'ok', rulePack: services.rules.pack.id };
  });

  await registerApi(app, services);
  await registerPages(app, services, { secureCookies: config.SECURE_COOKIES });
  return app;
}
