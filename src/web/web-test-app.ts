// A small Fastify app with the web shell and a few routes, for the route and browser tests of the shell.
// Not used by the real server. A test sets the signed-in user with the `x-test-user` header
// ("Display Name|role"), standing in for the auth plugin.
import Fastify, { type FastifyInstance } from 'fastify';
import { webPlugin } from './web.plugin.js';

export const TEST_FORCE_NAME = 'Kent Police';

export async function buildWebTestApp(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });

  app.addHook('onRequest', async (request) => {
    const header = request.headers['x-test-user'];
    const target = request as unknown as { user?: unknown; csrfToken?: unknown };
    if (typeof header === 'string') {
      const [displayName = '', role = ''] = header.split('|');
      target.user = { displayName, role };
    }
    target.csrfToken = 'test-csrf-token';
  });

  await app.register(webPlugin, { forceName: TEST_FORCE_NAME, errorPages: true });

  app.get('/sign-in', async (_request, reply) => reply.renderPage('pages/sign-in'));
  app.post('/sign-in', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body['username'] === 'string' ? body['username'].trim() : '';
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const errors: Record<string, string> = {};
    if (username === '') errors['username'] = 'Enter your username';
    if (password === '') errors['password'] = 'Enter your password';
    if (Object.keys(errors).length === 0) errors['username'] = 'Enter a correct username and password';
    reply.code(400);
    return reply.renderPage('pages/sign-in', { errors, values: { username } });
  });
  app.get('/accessibility', async (_request, reply) => reply.renderPage('pages/accessibility'));
  app.get('/privacy', async (_request, reply) => reply.renderPage('pages/privacy'));
  app.get('/worklist', async (_request, reply) => reply.renderPage('pages/privacy'));
  app.get('/records/forbidden', async (_request, reply) => reply.renderErrorPage(403));
  app.get('/broken', async () => {
    throw new Error('deliberate failure');
  });

  return app;
}
