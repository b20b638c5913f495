import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../auth/access.policy.js';
import { TEST_PASSWORD, type ApiHarness } from '../../http/api/testing/api-harness.js';
import { SESSION_COOKIE } from '../../http/auth.plugin.js';

/** Page requests as a signed-in user of each role: the session cookie, and the form's CSRF token. */
export interface PageSessions {
  get(role: Role, url: string): Promise<LightMyRequestResponse>;
  /** A form post; `csrf: false` leaves the token out. A field given as a list is sent once per value. */
  post(
    role: Role,
    url: string,
    form: Record<string, string | string[]>,
    csrf?: boolean,
  ): Promise<LightMyRequestResponse>;
}

/** Signs each role's harness account in through the service and reads its CSRF token off a page. */
export async function signInPages(h: ApiHarness, roles: readonly Role[]): Promise<PageSessions> {
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;
  for (const role of roles) {
    const { token } = await h.services.auth.signIn(role, TEST_PASSWORD, { ip: '127.0.0.1' });
    const cookie = `${SESSION_COOKIE}=${token}`;
    const page = await h.app.inject({ method: 'GET', url: '/search', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    assert.ok(csrf, 'the page carries a CSRF token');
    sessions[role] = { cookie, csrf };
  }
  return {
    get: (role, url) => h.app.inject({ method: 'GET', url, headers: { cookie: sessions[role].cookie } }),
    post: (role, url, form, csrf = true) => {
      const body = new URLSearchParams();
      if (csrf) body.append('_csrf', sessions[role].csrf);
      for (const [k, v] of Object.entries(form)) {
        for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      }
      return h.app.inject({
        method: 'POST',
        url,
        headers: { cookie: sessions[role].cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
    },
  };
}
