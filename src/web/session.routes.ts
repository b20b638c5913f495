/** Sign in and out. Sign-in is rate-limited per address and locks an account after repeated failures. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { clearSessionCookie, setSessionCookie, SESSION_COOKIE } from '../http/auth.plugin.js';
import type { Services } from '../composition-root.js';
import { Unauthenticated } from '../services/service-errors.js';
import type { PageOptions } from './pages.routes.js';

const signInForm = z.object({
  username: z.string().trim().max(100).default(''),
  password: z.string().max(1000).default(''),
  next: z.string().optional(),
});

/** Only same-site paths may be returned to after sign-in. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith('/sign-in') ? next : '/';
}

export function registerSessionPages(app: FastifyInstance, services: Services, options: PageOptions): void {
  app.get('/sign-in', async (request, reply) => {
    if (request.actor) return reply.redirect('/');
    const next = (request.query as { next?: string }).next;
    return reply.renderPage('pages/sign-in', { next: safeNext(next) });
  });

  app.post(
    '/sign-in',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const form = signInForm.parse(request.body ?? {});
      const errors: Record<string, string> = {};
      if (!form.username) errors.username = 'Enter your username';
      if (!form.password) errors.password = 'Enter your password';
      if (Object.keys(errors).length === 0) {
        try {
          const signedIn = await services.auth.signIn(form.username, form.password, { ip: request.ip });
          setSessionCookie(reply, signedIn.token, options.secureCookies);
          return reply.redirect(safeNext(form.next));
        } catch (e) {
          if (!(e instanceof Unauthenticated)) throw e;
          errors.username = e.message;
        }
      }
      reply.code(400);
      return reply.renderPage('pages/sign-in', {
        errors,
        values: { username: form.username },
        next: safeNext(form.next),
      });
    },
  );

  app.post('/sign-out', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await services.auth.signOut(token);
    clearSessionCookie(reply);
    return reply.redirect('/sign-in');
  });
}
