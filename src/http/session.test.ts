// Sessions, CSRF and API tokens over the real server: cookie attributes, a fresh session id on every
// sign-in, server-side sign-out, idle and absolute time-outs (moving the FixedClock), lock-out with a
// generic message, the sign-in rate limit, CSRF on cookie-authenticated writes (not on bearer tokens),
// and API tokens stored hashed and refused once revoked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sha256Hex } from '../auth/tokens.js';
import { json, openApiHarness, TEST_NOW, TEST_PASSWORD, type ApiHarness } from './api/testing/api-harness.js';
import { buildServer } from './server.js';

const MINUTE = 60_000;
let h: ApiHarness;
let address = 0;
/** A fresh client address, so the sign-in rate limit (per address) does not couple the tests. */
const newAddress = () => `203.0.113.${++address}`;

before(async () => {
  h = await openApiHarness();
});
after(async () => {
  await h.close();
});

function cookie(res: LightMyRequestResponse, name: string) {
  return res.cookies.find((c) => c.name === name);
}

function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m?.[1], 'no CSRF token in the page');
  return m[1];
}

interface Client {
  remoteAddress: string;
  session?: string;
}

/** The browser's sign-in: fetch the form (pre-session cookie + token), post it back. */
async function signIn(
  username: string,
  password: string,
  client: Client = { remoteAddress: newAddress() },
  app: FastifyInstance = h.app,
) {
  const form = await app.inject({ url: '/sign-in', remoteAddress: client.remoteAddress });
  const pre = cookie(form, 'vc_presession');
  assert.ok(pre, 'no pre-session cookie');
  const res = await app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: client.remoteAddress,
    cookies: { vc_presession: pre.value, ...(client.session ? { vc_session: client.session } : {}) },
    payload: { username, password, _csrf: csrfIn(form.body) },
  });
  return { res, session: cookie(res, 'vc_session') };
}

async function signedIn(username = 'officer') {
  const client = { remoteAddress: newAddress() };
  const { res, session } = await signIn(username, TEST_PASSWORD, client);
  assert.equal(res.statusCode, 302, res.body);
  assert.ok(session);
  return { ...client, session: session.value };
}

const apiAs = (session: string, extra: Record<string, string> = {}) =>
  h.app.inject({ url: '/api/v1/worklists/mine', cookies: { vc_session: session, ...extra } });

async function sessionRows(token: string) {
  return h.database.db.selectFrom('sessions').selectAll().where('id', '=', sha256Hex(token)).execute();
}

describe('sign-in and sessions', () => {
  test('should set an HttpOnly, SameSite=Lax session cookie, Secure only when SECURE_COOKIES is true', async () => {
    const { res, session } = await signIn('officer', TEST_PASSWORD);
    assert.equal(res.statusCode, 302);
    assert.ok(session);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(session.path, '/');
    assert.notEqual(session.secure, true);
    assert.equal(session.value.length >= 43, true, 'the session token is not 256 bits');

    const secureApp = await buildServer({
      services: h.services,
      config: { FORCE_NAME: 'Kent Police', SECURE_COOKIES: true, TRUST_PROXY: false, LOG_LEVEL: 'silent' },
      logger: false,
    });
    try {
      const secure = await signIn('officer', TEST_PASSWORD, { remoteAddress: newAddress() }, secureApp);
      assert.equal(secure.session?.secure, true);
      assert.equal(secure.session?.httpOnly, true);
    } finally {
      await secureApp.close();
    }
  });

  test('should issue a new session id on every sign-in and never adopt one the browser already had', async () => {
    const first = await signedIn();
    const planted = 'attacker-chosen-session-token-000000000000000';
    const again = await signIn('officer', TEST_PASSWORD, { remoteAddress: newAddress(), session: planted });
    assert.ok(again.session);
    assert.notEqual(again.session.value, first.session);
    assert.notEqual(again.session.value, planted);
    assert.equal((await sessionRows(planted)).length, 0);
    assert.equal((await sessionRows(again.session.value)).length, 1);
    // Stored by hash only: no row holds the token itself.
    const rows = await h.database.db.selectFrom('sessions').select('id').execute();
    assert.ok(!rows.some((r) => r.id === again.session!.value));
  });

  test('should delete the session server-side on sign-out so the old cookie no longer works', async () => {
    const client = await signedIn();
    assert.equal((await apiAs(client.session)).statusCode, 200);
    const page = await h.app.inject({ url: '/accessibility', cookies: { vc_session: client.session } });
    const out = await h.app.inject({
      method: 'POST',
      url: '/sign-out',
      cookies: { vc_session: client.session },
      payload: { _csrf: csrfIn(page.body) },
    });
    assert.equal(out.statusCode, 302);
    assert.equal(cookie(out, 'vc_session')?.value, '');
    assert.equal((await sessionRows(client.session)).length, 0);
    const replay = await apiAs(client.session);
    assert.equal(replay.statusCode, 401);
    assert.match(String(replay.headers['content-type']), /^application\/problem\+json/);
  });

  test('should end a session after 30 idle minutes but keep an active one alive', async () => {
    try {
      const idle = await signedIn();
      const active = await signedIn();
      for (let i = 0; i < 3; i++) {
        h.clock.advance(20 * MINUTE);
        assert.equal(
          (await apiAs(active.session)).statusCode,
          200,
          `active session ended after ${(i + 1) * 20} minutes`,
        );
      }
      assert.equal((await apiAs(idle.session)).statusCode, 401, 'idle session survived 60 minutes');
    } finally {
      h.clock.set(TEST_NOW);
    }
  });

  test('should end even an active session at the absolute time-out of 12 hours', async () => {
    try {
      const client = await signedIn();
      let alive = 0;
      for (let minutes = 20; minutes <= 13 * 60; minutes += 20) {
        h.clock.advance(20 * MINUTE);
        if ((await apiAs(client.session)).statusCode === 200) alive = minutes;
        else break;
      }
      assert.ok(alive >= 11 * 60 && alive < 12 * 60, `the session lived ${alive} minutes`);
    } finally {
      h.clock.set(TEST_NOW);
    }
  });

  test('should lock an account for 15 minutes after 5 failures with the same generic message as any failure', async () => {
    const generic = async (username: string, password: string) => {
      const { res, session } = await signIn(username, password);
      assert.equal(res.statusCode, 400);
      assert.equal(session, undefined);
      const m = /The username or password is not right[^<]*/.exec(res.body);
      assert.ok(m, res.body.slice(0, 500));
      return m[0];
    };
    try {
      const unknown = await generic('nobody-here', TEST_PASSWORD);
      for (let i = 0; i < 5; i++) assert.equal(await generic('imu', 'wrong-password-xyz'), unknown);
      // Locked: even the right password is refused, with the same words.
      assert.equal(await generic('imu', TEST_PASSWORD), unknown);
      h.clock.advance(14 * MINUTE);
      assert.equal(await generic('imu', TEST_PASSWORD), unknown);
      h.clock.advance(2 * MINUTE);
      const { res } = await signIn('imu', TEST_PASSWORD);
      assert.equal(res.statusCode, 302, 'still locked after 16 minutes');
      const failures = await h.database.db
        .selectFrom('auditLog')
        .select('reason')
        .where('action', '=', 'sign-in-failed')
        .where('userId', '=', h.accounts.imu.user.id)
        .execute();
      assert.ok(failures.some((f) => f.reason === 'account locked'));
    } finally {
      h.clock.set(TEST_NOW);
    }
  });

  test('should rate-limit sign-in attempts from one address', async () => {
    const remoteAddress = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress,
        payload: { username: 'x', password: 'y' },
      });
      statuses.push(res.statusCode);
    }
    assert.ok(
      statuses.slice(0, 10).every((s) => s !== 429),
      statuses.join(','),
    );
    assert.equal(statuses[10], 429);
  });
});

describe('CSRF', () => {
  test('should refuse a cookie-authenticated POST without the CSRF token and accept it with the token', async () => {
    const client = await signedIn();
    const payload = {
      urn: '46/7001/26',
      reportedAt: '2026-03-09T09:00:00Z',
      offences: [{ category: 'theft' }],
    };
    const without = await h.app.inject({
      method: 'POST',
      url: '/api/v1/investigations',
      cookies: { vc_session: client.session },
      payload,
    });
    assert.equal(without.statusCode, 403);
    assert.match(String(without.headers['content-type']), /^application\/problem\+json/);
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/v1/investigations',
      cookies: { vc_session: client.session },
      headers: { 'x-csrf-token': 'forged' },
      payload,
    });
    assert.equal(wrong.statusCode, 403);
    assert.equal(
      await h.database.db
        .selectFrom('investigations')
        .select('id')
        .where('urn', '=', '46/7001/26')
        .executeTakeFirst(),
      undefined,
    );

    const page = await h.app.inject({ url: '/accessibility', cookies: { vc_session: client.session } });
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/investigations',
      cookies: { vc_session: client.session },
      headers: { 'x-csrf-token': csrfIn(page.body) },
      payload,
    });
    assert.equal(ok.statusCode, 201, ok.body);
    // Sign-out is a POST too.
    assert.equal(
      (
        await h.app.inject({
          method: 'POST',
          url: '/sign-out',
          cookies: { vc_session: client.session },
          payload: {},
        })
      ).statusCode,
      403,
    );
  });

  test('should need no CSRF token for a bearer-token request', async () => {
    const res = await h.as('officer', {
      method: 'POST',
      url: '/api/v1/investigations',
      payload: { urn: '46/7002/26', reportedAt: '2026-03-09T09:00:00Z', offences: [{ category: 'theft' }] },
    });
    assert.equal(res.statusCode, 201, res.body);
  });

  test('should refuse the sign-in form posted without the pre-session token', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: newAddress(),
      payload: { username: 'officer', password: TEST_PASSWORD },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(cookie(res, 'vc_session'), undefined);
  });
});

describe('API tokens', () => {
  test('should issue a token once, store only its hash, and refuse it after revocation or deactivation', async () => {
    const issue = await h.as('admin', {
      method: 'POST',
      url: '/api/v1/admin/api-tokens',
      payload: { userId: h.accounts.vwcu.user.id, name: 'witness-care system' },
    });
    assert.equal(issue.statusCode, 201, issue.body);
    assert.equal(issue.headers['cache-control'], 'no-store');
    const issued = json<{ id: string; token: string }>(issue);
    assert.match(issued.token, /^vc_[A-Za-z0-9_-]{43}$/);

    const row = await h.database.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', issued.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.tokenHash, sha256Hex(issued.token));
    assert.ok(!Object.values(row).includes(issued.token), 'the secret is stored');
    const listed = await h.as('admin', { url: `/api/v1/admin/api-tokens?userId=${h.accounts.vwcu.user.id}` });
    assert.ok(
      !listed.body.includes(issued.token) && !listed.body.includes(row.tokenHash),
      'a listing shows the secret or its hash',
    );

    const use = () =>
      h.app.inject({ url: '/api/v1/worklists/vwcu', headers: { authorization: `Bearer ${issued.token}` } });
    assert.equal((await use()).statusCode, 200);
    assert.equal(
      (await h.as('admin', { method: 'DELETE', url: `/api/v1/admin/api-tokens/${issued.id}` })).statusCode,
      200,
    );
    assert.equal((await use()).statusCode, 401);
    assert.equal(
      (await h.as('admin', { method: 'DELETE', url: `/api/v1/admin/api-tokens/${issued.id}` })).statusCode,
      409,
    );

    // Deactivating the account stops its other tokens too.
    const second = json<{ token: string }>(
      await h.as('admin', {
        method: 'POST',
        url: '/api/v1/admin/api-tokens',
        payload: { userId: h.accounts.compliance.user.id, name: 'reports' },
      }),
    );
    const asCompliance = () =>
      h.app.inject({ url: '/api/v1/investigations', headers: { authorization: `Bearer ${second.token}` } });
    assert.equal((await asCompliance()).statusCode, 200);
    const spare = json<{ id: string }>(
      await h.as('admin', {
        method: 'POST',
        url: '/api/v1/admin/users',
        payload: {
          username: 'to-deactivate',
          displayName: 'Leaver',
          role: 'compliance',
          password: TEST_PASSWORD,
        },
      }),
    );
    const spareToken = json<{ token: string }>(
      await h.as('admin', {
        method: 'POST',
        url: '/api/v1/admin/api-tokens',
        payload: { userId: spare.id, name: 'leaver' },
      }),
    ).token;
    assert.equal(
      (
        await h.app.inject({
          url: '/api/v1/investigations',
          headers: { authorization: `Bearer ${spareToken}` },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (await h.as('admin', { method: 'POST', url: `/api/v1/admin/users/${spare.id}/deactivate` })).statusCode,
      200,
    );
    assert.equal(
      (
        await h.app.inject({
          url: '/api/v1/investigations',
          headers: { authorization: `Bearer ${spareToken}` },
        })
      ).statusCode,
      401,
    );
  });
});
