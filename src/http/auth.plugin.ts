/**
 * Who is asking: a server-side session (cookie `vc_session`: HttpOnly, SameSite=Lax, Secure behind TLS)
 * or an API token (`Authorization: Bearer vc_…`) for service accounts. State-changing requests made with
 * the session cookie must carry the CSRF token (form field `_csrf` or header `x-csrf-token`); before
 * sign-in a double-submit cookie protects the sign-in form.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/access.policy.js';
import { newSecret } from '../auth/tokens.js';
import type { Services } from '../composition-root.js';
import { Forbidden } from '../services/service-errors.js';

export const SESSION_COOKIE = 'vc_session';
const PRE_SESSION_COOKIE = 'vc_presession';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** How the actor was authenticated. */
    authenticatedBy: 'session' | 'token' | null;
    /** For the web shell's pages: the signed-in user. */
    user: { displayName: string; role: string } | undefined;
    /** The token forms must post back as `_csrf`. */
    csrfToken: string | undefined;
  }
}

export function csrfTokenFor(secret: string): string {
  return createHmac('sha256', secret).update('victim-care-csrf').digest('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthPluginOptions {
  services: Services;
  secureCookies: boolean;
}

export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

export async function registerAuth(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const { services, secureCookies } = options;
  app.decorateRequest('actor', null);
  app.decorateRequest('authenticatedBy', null);
  app.decorateRequest('user', undefined);
  app.decorateRequest('csrfToken', undefined);

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      request.actor = await services.auth.apiTokenActor(auth.slice(7).trim());
      request.authenticatedBy = request.actor ? 'token' : null;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await services.auth.sessionActor(token) : null;
    if (session) {
      request.actor = session.actor;
      request.authenticatedBy = 'session';
      request.user = { displayName: session.actor.displayName, role: session.actor.role };
      request.csrfToken = csrfTokenFor(session.csrfSecret);
    } else {
      let pre = request.cookies[PRE_SESSION_COOKIE];
      if (!pre) {
        pre = newSecret();
        void reply.setCookie(PRE_SESSION_COOKIE, pre, { ...cookieOptions(secureCookies), maxAge: 3600 });
      }
      request.csrfToken = csrfTokenFor(pre);
    }
    // A request with no session to the API is simply unauthenticated (the service answers 401).
    const needsCsrf = UNSAFE.has(request.method) && (session !== null || !request.url.startsWith('/api/'));
    if (needsCsrf) {
      const body = request.body as Record<string, unknown> | undefined;
      const sent =
        (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? request.headers['x-csrf-token'];
      // Pre-session forms (sign-in) are protected by the double-submit cookie; everything else by the session.
      if (typeof sent !== 'string' || !request.csrfToken || !same(sent, request.csrfToken)) {
        throw new Forbidden(
          'The form has expired or did not come from this service: go back, reload the page and try again',
        );
      }
    }
  });
}

/** Sign the user in: a fresh session token (never reused from before sign-in) in an HttpOnly cookie. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, cookieOptions(secure));
  void reply.clearCookie(PRE_SESSION_COOKIE, { path: '/' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
