// AdminService: only administrators (refusals audited), every change audited, accounts deactivated and
// passwords reset end their sessions, API tokens shown once and stored hashed, bank holidays change the
// working-day calendar the rules use at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../auth/access.policy.js';
import { sha256Hex } from '../auth/tokens.js';
import { createServices, type Services } from '../composition-root.js';
import { shippedRulePack } from '../domain/rules/rule-pack.js';
import { createRepositories } from '../store/repositories.js';
import { openTestDatabase, type TestDatabase } from '../store/testing/test-database.js';
import { actorOf } from './auth.service.js';
import { CalendarProvider } from './calendar.provider.js';
import { FixedClock } from './clock.js';
import { Forbidden, NotFound, ValidationFailed } from './service-errors.js';

const PASSWORD = 'a-long-enough-passphrase';
let t: TestDatabase;
let services: Services;
let admin: Actor;
let officer: Actor;
const clock = new FixedClock(new Date('2026-05-20T09:00:00Z'));

before(async () => {
  t = await openTestDatabase();
  const calendar = new CalendarProvider(t.db);
  await calendar.reload();
  services = createServices({
    db: t.db,
    clock,
    pack: shippedRulePack(),
    calendar,
    config: { SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12 },
  });
  admin = actorOf(
    await services.auth.createUser('system', {
      username: 'admin',
      displayName: 'Admin',
      role: 'admin',
      teamId: null,
      password: PASSWORD,
    }),
  );
  officer = actorOf(
    await services.auth.createUser('system', {
      username: 'officer',
      displayName: 'Officer',
      role: 'officer',
      teamId: null,
      password: PASSWORD,
    }),
  );
});
after(async () => {
  await services.rederivation.stop();
  await t.close();
});

const audit = (action: string, recordType: string) =>
  t.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', action)
    .where('recordType', '=', recordType)
    .orderBy('id')
    .execute();

describe('AdminService', () => {
  test('should refuse every method to a non-administrator and audit each refusal', async () => {
    const calls: [string, () => Promise<unknown>][] = [
      ['list users', () => services.admin.listUsers(officer)],
      [
        'create user',
        () =>
          services.admin.createUser(officer, {
            username: 'x1',
            displayName: 'X',
            role: 'admin',
            password: PASSWORD,
          }),
      ],
      ['deactivate user', () => services.admin.deactivateUser(officer, admin.id)],
      ['reset password', () => services.admin.resetPassword(officer, admin.id, PASSWORD)],
      ['issue API token', () => services.admin.issueApiToken(officer, officer.id, 'mine')],
      ['list API tokens', () => services.admin.listApiTokens(officer)],
      [
        'revoke API token',
        () => services.admin.revokeApiToken(officer, '00000000-0000-4000-8000-000000000000'),
      ],
      ['list teams', () => services.admin.listTeams(officer)],
      ['create team', () => services.admin.createTeam(officer, { name: 'T', code: 'TT' })],
      ['list bank holidays', () => services.admin.listBankHolidays(officer)],
      ['add bank holiday', () => services.admin.addBankHoliday(officer, { date: '2026-06-01', name: 'X' })],
      ['remove bank holiday', () => services.admin.removeBankHoliday(officer, '2026-06-01')],
    ];
    for (const [what, call] of calls) {
      const before = (await audit('refused', 'admin')).length;
      await assert.rejects(call(), Forbidden, what);
      const rows = await audit('refused', 'admin');
      assert.equal(rows.length, before + 1, what);
      assert.equal(rows.at(-1)!.userId, officer.id);
      assert.equal(rows.at(-1)!.reason, `admin:manage (${what})`);
    }
    assert.equal(
      (await createRepositories(t.db).users.list()).length,
      2,
      'a refused call changed the accounts',
    );
  });

  test('should create an account, audited, and name the field when the password or team is not acceptable', async () => {
    const team = await services.admin.createTeam(admin, { name: 'Maidstone CID', code: 'MAID-CID' });
    const created = await services.admin.createUser(admin, {
      username: 'Sam.Patel',
      displayName: 'DC Sam Patel',
      role: 'officer',
      teamId: team.id,
      password: PASSWORD,
    });
    assert.equal(created.username, 'sam.patel');
    assert.ok(!('passwordHash' in created));
    assert.ok(
      (await audit('create', 'user')).some((r) => r.recordId === created.id && r.userId === admin.id),
    );
    assert.ok((await audit('create', 'team')).some((r) => r.recordId === team.id));

    await assert.rejects(
      services.admin.createUser(admin, {
        username: 'short',
        displayName: 'S',
        role: 'officer',
        password: 'short',
      }),
      (e: unknown) => e instanceof ValidationFailed && e.problems[0]?.field === 'password',
    );
    await assert.rejects(
      services.admin.createUser(admin, {
        username: 'sam.patel',
        displayName: 'S',
        role: 'officer',
        password: PASSWORD,
      }),
      (e: unknown) => e instanceof ValidationFailed && e.problems[0]?.field === 'username',
    );
    await assert.rejects(
      services.admin.createUser(admin, {
        username: 'nt',
        displayName: 'S',
        role: 'officer',
        teamId: '00000000-0000-4000-8000-000000000000',
        password: PASSWORD,
      }),
      (e: unknown) => e instanceof ValidationFailed && e.problems[0]?.field === 'teamId',
    );
    await assert.rejects(
      services.admin.createTeam(admin, { name: 'Again', code: 'MAID-CID' }),
      (e: unknown) => e instanceof ValidationFailed && e.problems[0]?.field === 'code',
    );
    assert.deepEqual(
      (await services.admin.listUsers(admin, { teamId: team.id })).map((u) => u.username),
      ['sam.patel'],
    );
  });

  test('should end sessions and stop sign-in when an account is deactivated, but never the admin themself', async () => {
    const user = await services.admin.createUser(admin, {
      username: 'leaver',
      displayName: 'Leaver',
      role: 'officer',
      password: PASSWORD,
    });
    const session = await services.auth.signIn('leaver', PASSWORD);
    assert.ok(await services.auth.sessionActor(session.token));
    const result = await services.admin.deactivateUser(admin, user.id);
    assert.equal(result.active, false);
    assert.equal(await services.auth.sessionActor(session.token), null);
    assert.equal(
      (await t.db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute()).length,
      0,
    );
    await assert.rejects(services.auth.signIn('leaver', PASSWORD));
    const row = (await audit('update', 'user')).find((r) => r.recordId === user.id)!;
    assert.equal(row.reason, 'deactivated');
    assert.deepEqual(row.detail, { active: false, wasActive: true, sessionsEnded: 1 });
    await assert.rejects(services.admin.deactivateUser(admin, admin.id), ValidationFailed);
    await assert.rejects(
      services.admin.deactivateUser(admin, '00000000-0000-4000-8000-000000000000'),
      NotFound,
    );
  });

  test('should reset a password: the old one stops working, a lock-out is cleared and sessions end', async () => {
    const user = await services.admin.createUser(admin, {
      username: 'forgetful',
      displayName: 'F',
      role: 'imu',
      password: PASSWORD,
    });
    const session = await services.auth.signIn('forgetful', PASSWORD);
    for (let i = 0; i < 5; i++) await assert.rejects(services.auth.signIn('forgetful', 'not-the-password'));
    assert.equal(
      (await services.admin.listUsers(admin, { role: 'imu' })).find((u) => u.id === user.id)?.locked,
      true,
    );
    await assert.rejects(
      services.admin.resetPassword(admin, user.id, 'forgetful'),
      (e: unknown) => e instanceof ValidationFailed && e.problems.every((p) => p.field === 'password'),
    );
    const reset = await services.admin.resetPassword(admin, user.id, 'a-brand-new-passphrase');
    assert.equal(reset.locked, false);
    assert.equal(await services.auth.sessionActor(session.token), null);
    await assert.rejects(services.auth.signIn('forgetful', PASSWORD));
    assert.ok(await services.auth.signIn('forgetful', 'a-brand-new-passphrase'));
    assert.ok(
      (await audit('update', 'user')).some((r) => r.recordId === user.id && r.reason === 'password reset'),
    );
  });

  test('should issue an API token once, store its hash, list it without secrets and revoke it', async () => {
    const issued = await services.admin.issueApiToken(admin, officer.id, 'niche bridge');
    assert.ok(await services.auth.apiTokenActor(issued.token));
    const stored = await t.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', issued.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.tokenHash, sha256Hex(issued.token));
    const listed = await services.admin.listApiTokens(admin, { userId: officer.id });
    assert.deepEqual(Object.keys(listed[0]!).sort(), [
      'createdAt',
      'id',
      'lastUsedAt',
      'name',
      'revokedAt',
      'userId',
    ]);
    const revoked = await services.admin.revokeApiToken(admin, issued.id);
    assert.equal(revoked.revokedAt, clock.now().toISOString());
    assert.equal(await services.auth.apiTokenActor(issued.token), null);
    const rows = (
      await t.db
        .selectFrom('auditLog')
        .selectAll()
        .where('recordType', '=', 'api-token')
        .where('recordId', '=', issued.id)
        .orderBy('id')
        .execute()
    ).map((r) => [r.action, r.reason]);
    assert.deepEqual(rows, [
      ['create', null],
      ['update', 'revoked'],
    ]);
    assert.ok(
      !JSON.stringify(await t.db.selectFrom('auditLog').select('detail').execute()).includes(issued.token),
      'the secret reached the audit trail',
    );
  });

  test('should add and remove a bank holiday and the working-day calendar follows at once', async () => {
    const date = '2026-06-01'; // a Monday
    assert.equal(services.calendar.get().isWorkingDay(date), true);
    await services.admin.addBankHoliday(admin, { date, name: 'Coronation bank holiday' });
    assert.equal(services.calendar.get().isWorkingDay(date), false);
    assert.equal(services.calendar.get().addWorkingDays('2026-05-29', 1), '2026-06-02');
    assert.deepEqual(
      (await services.admin.listBankHolidays(admin)).find((b) => b.date === date),
      { date, name: 'Coronation bank holiday', source: 'admin' },
    );
    assert.ok(
      (await services.admin.listBankHolidays(admin)).some(
        (b) => b.date === '2026-12-25' && b.source === 'shipped',
      ),
    );

    await assert.rejects(
      services.admin.addBankHoliday(admin, { date: '2026-12-25', name: 'Again' }),
      ValidationFailed,
    );
    await assert.rejects(services.admin.removeBankHoliday(admin, '2026-12-25'), ValidationFailed);
    await assert.rejects(services.admin.removeBankHoliday(admin, '2026-07-01'), NotFound);

    await services.admin.removeBankHoliday(admin, date);
    assert.equal(services.calendar.get().isWorkingDay(date), true);
    const rows = (
      await t.db
        .selectFrom('auditLog')
        .selectAll()
        .where('recordType', '=', 'bank-holiday')
        .orderBy('id')
        .execute()
    ).map((r) => [r.action, r.recordId]);
    assert.deepEqual(rows, [
      ['create', date],
      ['delete', date],
    ]);
  });
});
