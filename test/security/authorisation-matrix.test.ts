// The authorisation matrix: EVERY route registered under /api/v1 × every role (and anonymous) × an
// unrestricted investigation and restricted ones (the actor named, the actor the OIC, nobody named). The
// expected outcome is written out here, route by route, independently of the access policy's own table:
// a new route without a row fails this test. Every 403 must have appended a 'refused' audit row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { ROLES, type Role } from '../../src/auth/access.policy.js';
import { listApiRoutes } from '../../src/http/api/api.routes.js';
import {
  json,
  openApiHarness,
  TEST_PASSWORD,
  type ApiHarness,
} from '../../src/http/api/testing/api-harness.js';
import { actorOf } from '../../src/services/auth.service.js';
import { createRepositories } from '../../src/store/repositories.js';

type Scenario = 'unrestricted' | 'restricted-named' | 'restricted-oic' | 'restricted-unnamed';
const SCENARIOS: Scenario[] = ['unrestricted', 'restricted-named', 'restricted-oic', 'restricted-unnamed'];

interface Target {
  investigationId: string;
  personId: string;
}

interface Row {
  /** Roles the policy lets through (anonymous never, unless `public`). */
  allowed: readonly Role[] | 'public';
  /** The route acts on an investigation: restriction applies. */
  scoped?: true;
  /** The status of an allowed request. */
  ok: number;
  /** A valid request (so that only authorisation can refuse it). */
  request(target: Target, role: Role | null): Promise<InjectOptions> | InjectOptions;
}

const ALL: readonly Role[] = ROLES;
const RECORDERS: readonly Role[] = ['officer', 'supervisor', 'imu', 'vwcu', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const REPORTERS: readonly Role[] = ['supervisor', 'compliance', 'admin'];

let h: ApiHarness;
const targets = {} as Record<Scenario, Target>;
let unique = 0;
const next = () => `${Date.now().toString(36)}${(unique++).toString(36)}`;

async function version(investigationId: string): Promise<number> {
  return (await createRepositories(h.database.db).investigations.getById(investigationId))!.version;
}

const MATRIX: Record<string, Row> = {
  'GET /api/v1/openapi.json': {
    allowed: 'public',
    ok: 200,
    request: () => ({ url: '/api/v1/openapi.json' }),
  },
  'POST /api/v1/investigations': {
    allowed: ['officer', 'supervisor', 'imu', 'admin'],
    ok: 201,
    request: () => ({
      method: 'POST',
      url: '/api/v1/investigations',
      payload: {
        urn: `46/${next()}/26`,
        reportedAt: '2026-03-09T09:00:00Z',
        offences: [{ category: 'theft' }],
      },
    }),
  },
  'GET /api/v1/investigations': {
    allowed: ALL,
    ok: 200,
    request: () => ({ url: '/api/v1/investigations?q=46' }),
  },
  'GET /api/v1/investigations/:id': {
    allowed: ALL,
    scoped: true,
    ok: 200,
    request: (t) => ({ url: `/api/v1/investigations/${t.investigationId}?reason=matrix` }),
  },
  'PATCH /api/v1/investigations/:id': {
    allowed: RECORDERS,
    scoped: true,
    ok: 200,
    request: async (t) => ({
      method: 'PATCH',
      url: `/api/v1/investigations/${t.investigationId}`,
      payload: { anticipatedPlea: 'not-guilty', expectedVersion: await version(t.investigationId) },
    }),
  },
  'POST /api/v1/investigations/:id/people': {
    allowed: RECORDERS,
    scoped: true,
    ok: 201,
    request: (t) => ({
      method: 'POST',
      url: `/api/v1/investigations/${t.investigationId}/people`,
      payload: { role: 'witness', kind: 'person', name: 'Witness One' },
    }),
  },
  'GET /api/v1/people/:id': {
    allowed: ALL,
    scoped: true,
    ok: 200,
    request: (t) => ({ url: `/api/v1/people/${t.personId}?reason=matrix` }),
  },
  'PATCH /api/v1/people/:id': {
    allowed: RECORDERS,
    scoped: true,
    ok: 200,
    request: (t) => ({
      method: 'PATCH',
      url: `/api/v1/people/${t.personId}`,
      payload: { phone: '01622 000000' },
    }),
  },
  'PUT /api/v1/people/:id/contract': {
    allowed: RECORDERS,
    scoped: true,
    ok: 200,
    request: (t) => ({
      method: 'PUT',
      url: `/api/v1/people/${t.personId}/contract`,
      payload: { preferredMethod: 'phone', updateFrequencyDays: 14 },
    }),
  },
  'POST /api/v1/investigations/:id/events': {
    allowed: RECORDERS,
    scoped: true,
    ok: 201,
    request: (t) => ({
      method: 'POST',
      url: `/api/v1/investigations/${t.investigationId}/events`,
      payload: {
        type: 'contact',
        at: '2026-03-10T11:45:00Z',
        person: 'v1',
        method: 'phone',
        outcome: 'successful',
        purposes: ['investigative-update'],
        summary:
          'Told the victim that CCTV has been requested from the shop and that the next update will follow within 28 days.',
      },
    }),
  },
  'GET /api/v1/worklists/mine': {
    allowed: RECORDERS,
    ok: 200,
    request: () => ({ url: '/api/v1/worklists/mine' }),
  },
  'GET /api/v1/worklists/team': {
    allowed: ['supervisor', 'admin'],
    ok: 200,
    request: () => ({ url: `/api/v1/worklists/team?teamId=${h.team.id}` }),
  },
  'GET /api/v1/worklists/imu': {
    allowed: ['imu', 'supervisor', 'admin'],
    ok: 200,
    request: () => ({ url: '/api/v1/worklists/imu' }),
  },
  'GET /api/v1/worklists/vwcu': {
    allowed: ['vwcu', 'supervisor', 'admin'],
    ok: 200,
    request: () => ({ url: '/api/v1/worklists/vwcu' }),
  },
  'GET /api/v1/admin/users': {
    allowed: ADMIN,
    ok: 200,
    request: () => ({ url: '/api/v1/admin/users?role=officer' }),
  },
  'POST /api/v1/admin/users': {
    allowed: ADMIN,
    ok: 201,
    request: () => ({
      method: 'POST',
      url: '/api/v1/admin/users',
      payload: {
        username: `new-${next()}`,
        displayName: 'New Officer',
        role: 'officer',
        teamId: h.team.id,
        password: TEST_PASSWORD,
      },
    }),
  },
  'POST /api/v1/admin/users/:id/deactivate': {
    allowed: ADMIN,
    ok: 200,
    request: async () => ({
      method: 'POST',
      url: `/api/v1/admin/users/${(await spareUser()).id}/deactivate`,
    }),
  },
  'POST /api/v1/admin/users/:id/password': {
    allowed: ADMIN,
    ok: 200,
    request: async () => ({
      method: 'POST',
      url: `/api/v1/admin/users/${(await spareUser()).id}/password`,
      payload: { password: 'a-new-long-passphrase-2026' },
    }),
  },
  'GET /api/v1/admin/api-tokens': {
    allowed: ADMIN,
    ok: 200,
    request: () => ({ url: '/api/v1/admin/api-tokens' }),
  },
  'POST /api/v1/admin/api-tokens': {
    allowed: ADMIN,
    ok: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/v1/admin/api-tokens',
      payload: { userId: (await spareUser()).id, name: 'integration' },
    }),
  },
  'DELETE /api/v1/admin/api-tokens/:id': {
    allowed: ADMIN,
    ok: 200,
    request: async () => {
      const issued = await h.services.admin.issueApiToken(
        actorOf(h.accounts.admin.user),
        (await spareUser()).id,
        'to revoke',
      );
      return { method: 'DELETE', url: `/api/v1/admin/api-tokens/${issued.id}` };
    },
  },
  'GET /api/v1/admin/teams': { allowed: ADMIN, ok: 200, request: () => ({ url: '/api/v1/admin/teams' }) },
  'POST /api/v1/admin/teams': {
    allowed: ADMIN,
    ok: 201,
    request: () => ({
      method: 'POST',
      url: '/api/v1/admin/teams',
      payload: { name: 'Swale CID', code: `SW-${next().toUpperCase()}` },
    }),
  },
  'GET /api/v1/admin/bank-holidays': {
    allowed: ADMIN,
    ok: 200,
    request: () => ({ url: '/api/v1/admin/bank-holidays' }),
  },
  'GET /api/v1/admin/bank-holidays/rederivation': {
    allowed: ADMIN,
    ok: 200,
    request: () => ({ url: '/api/v1/admin/bank-holidays/rederivation' }),
  },
  'POST /api/v1/admin/bank-holidays': {
    allowed: ADMIN,
    ok: 201,
    request: () => ({
      method: 'POST',
      url: '/api/v1/admin/bank-holidays',
      payload: { date: spareDate(), name: 'Matrix day' },
    }),
  },
  'DELETE /api/v1/admin/bank-holidays/:date': {
    allowed: ADMIN,
    ok: 204,
    request: async () => {
      const date = spareDate();
      await createRepositories(h.database.db).calendar.add({ date, name: 'To remove' });
      return { method: 'DELETE', url: `/api/v1/admin/bank-holidays/${date}` };
    },
  },
  'GET /api/v1/audit/records/:type/:id/viewers': {
    allowed: ADMIN,
    ok: 200,
    request: () => ({
      url: `/api/v1/audit/records/investigation/${targets.unrestricted.investigationId}/viewers`,
    }),
  },
  'GET /api/v1/audit/verify': { allowed: ADMIN, ok: 200, request: () => ({ url: '/api/v1/audit/verify' }) },
  'GET /api/v1/compliance': {
    allowed: REPORTERS,
    ok: 200,
    request: () => ({ url: '/api/v1/compliance?period=quarter' }),
  },
  'GET /api/v1/compliance/obligations': {
    allowed: REPORTERS,
    ok: 200,
    request: () => ({ url: '/api/v1/compliance/obligations?bucket=overdue' }),
  },
  'GET /api/v1/compliance/moj-return': {
    allowed: REPORTERS,
    ok: 200,
    request: () => ({ url: '/api/v1/compliance/moj-return' }),
  },
  'GET /api/v1/compliance/dataset': {
    allowed: REPORTERS,
    ok: 200,
    request: () => ({ url: '/api/v1/compliance/dataset?format=csv' }),
  },
  'GET /api/v1/breaches': { allowed: ALL, ok: 200, request: () => ({ url: '/api/v1/breaches' }) },
  'GET /api/v1/investigations/:id/letters': {
    allowed: ALL,
    scoped: true,
    ok: 200,
    request: (t) => ({ url: `/api/v1/investigations/${t.investigationId}/letters` }),
  },
  'GET /api/v1/letters/:id': {
    allowed: ALL,
    scoped: true,
    ok: 200,
    request: async (t) => {
      const letter = await createRepositories(h.database.db).letters.create({
        investigationId: t.investigationId,
        personId: t.personId,
        kind: 'crime-report-confirmation',
        createdBy: null,
        createdAt: '2026-03-10T12:00:00.000Z',
        pdf: Buffer.from('%PDF-1.7 matrix'),
        eventId: null,
      });
      return { url: `/api/v1/letters/${letter.id}` };
    },
  },
};

async function spareUser() {
  return createRepositories(h.database.db).users.create({
    username: `spare-${next()}`,
    displayName: 'Spare',
    role: 'officer',
    teamId: null,
    email: null,
    passwordHash: null,
    lockedUntil: null,
  });
}

let dayOffset = 0;
function spareDate(): string {
  const d = new Date(Date.UTC(2031, 0, 1) + dayOffset++ * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function refusedCount(): Promise<number> {
  const r = await h.database.db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'refused')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function expected(row: Row, role: Role | null, scenario: Scenario): number {
  if (row.allowed === 'public') return row.ok;
  if (role === null) return 401;
  if (!row.allowed.includes(role)) return 403;
  if (!row.scoped || scenario === 'unrestricted' || role === 'admin') return row.ok;
  if (scenario === 'restricted-named') return row.ok;
  if (scenario === 'restricted-oic') return role === 'officer' ? row.ok : 403;
  return 403;
}

async function makeTarget(restricted: boolean, named: Role[], oic: Role | null): Promise<Target> {
  const inv = await h.as('admin', {
    method: 'POST',
    url: '/api/v1/investigations',
    payload: {
      urn: `46/${next()}/26`,
      reportedAt: '2026-03-09T09:00:00Z',
      offences: [{ category: 'sexual' }],
      restricted,
      namedUserIds: named.map((r) => h.accounts[r].user.id),
      officerInChargeId: oic ? h.accounts[oic].user.id : null,
      teamId: h.team.id,
    },
  });
  assert.equal(inv.statusCode, 201, inv.body);
  const investigationId = json<{ id: string }>(inv).id;
  const person = await h.as('admin', {
    method: 'POST',
    url: `/api/v1/investigations/${investigationId}/people`,
    payload: { role: 'victim', kind: 'person', name: 'Vic Tim', dateOfBirth: '1980-02-02' },
  });
  assert.equal(person.statusCode, 201, person.body);
  return { investigationId, personId: json<{ id: string }>(person).id };
}

before(async () => {
  h = await openApiHarness();
  const everyoneButAdmin = ROLES.filter((r) => r !== 'admin');
  targets.unrestricted = await makeTarget(false, [], 'officer');
  targets['restricted-named'] = await makeTarget(true, everyoneButAdmin, null);
  targets['restricted-oic'] = await makeTarget(true, [], 'officer');
  targets['restricted-unnamed'] = await makeTarget(true, [], null);
});
after(async () => {
  await h.close();
});

describe('authorisation matrix', () => {
  test('should have a matrix row for every registered /api/v1 route, and a route for every row', () => {
    const registered = listApiRoutes(h.app)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    assert.ok(registered.length >= Object.keys(MATRIX).length - 1, registered.join('\n'));
    const rows = Object.keys(MATRIX).sort();
    assert.deepEqual(
      registered.filter((r) => !rows.includes(r)),
      [],
      'routes without a matrix row',
    );
    assert.deepEqual(
      rows.filter((r) => !registered.includes(r)),
      [],
      'matrix rows without a route',
    );
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    test(`should answer ${route} as the matrix says for every role and restriction`, async () => {
      const failures: string[] = [];
      for (const scenario of row.scoped ? SCENARIOS : (['unrestricted'] as Scenario[])) {
        for (const role of [...ROLES, null]) {
          const want = expected(row, role, scenario);
          const refusedBefore = await refusedCount();
          const res = await h.as(role, await row.request(targets[scenario], role));
          const who = `${role ?? 'anonymous'} on ${scenario}`;
          if (res.statusCode !== want) {
            failures.push(`${who}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
            continue;
          }
          if (want >= 400) {
            assert.match(String(res.headers['content-type']), /^application\/problem\+json/, who);
          }
          if (want === 403) {
            const refusedAfter = await refusedCount();
            if (refusedAfter <= refusedBefore) failures.push(`${who}: 403 without a 'refused' audit row`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });
  }

  test('should not list a restricted investigation in search results to anyone not named on it', async () => {
    const urnOf = async (id: string) =>
      (await createRepositories(h.database.db).investigations.getById(id))!.urn;
    const hidden = await urnOf(targets['restricted-unnamed'].investigationId);
    const named = await urnOf(targets['restricted-named'].investigationId);
    for (const role of ROLES) {
      const found = json<{ items: { urn: string }[] }>(
        await h.as(role, { url: `/api/v1/investigations?q=${encodeURIComponent(hidden)}` }),
      ).items.map((i) => i.urn);
      assert.equal(found.includes(hidden), role === 'admin', `${role} searching for ${hidden}`);
      const foundNamed = json<{ items: { urn: string }[] }>(
        await h.as(role, { url: `/api/v1/investigations?q=${encodeURIComponent(named)}` }),
      ).items.map((i) => i.urn);
      assert.ok(foundNamed.includes(named), `${role} is named on ${named}`);
    }
  });
});
