// AuthService: one generic message for every sign-in failure (the audit trail keeps the real reason),
// lock-out, sessions stored by hash with sliding idle and fixed absolute time-outs, sign-out, API tokens.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sha256Hex } from '../auth/tokens.js';
import { openTestDatabase, type TestDatabase } from '../store/testing/test-database.js';
import { createRepositories } from '../store/repositories.js';
import { actorOf, AuthService, LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from './auth.service.js';
import { FixedClock } from './clock.js';
import { Forbidden, Unauthenticated, ValidationFailed } from './service-errors.js';

const PASSWORD = 'a-long-enough-passphrase';
const START = '2026-03-10T08:00:00.000Z';
const MINUTE = 60_000;
let t: TestDatabase;
let auth: AuthService;
const clock = new FixedClock(new Date(START));

before(async () => {
  t = await openTestDatabase();
  auth = new AuthService(t.db, clock, { idleMinutes: 30, absoluteHours: 12 });
  await auth.createUser('system', {
    username: 'officer',
    displayName: 'Officer',
    role: 'officer',
    teamId: null,
    password: PASSWORD,
  });
  const inactive = await auth.createUser('system', {
    username: 'leaver',
    displayName: 'Leaver',
    role: 'officer',
    teamId: null,
    password: PASSWORD,
  });
  await createRepositories(t.db).users.update(inactive.id, { active: false });
});
after(async () => {
  await t.close();
});

async function failure(username: string, password: string): Promise<string> {
  const error = await auth.signIn(username, password).then(
    () => assert.fail(`${username} signed in`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof Unauthenticated);
  return error.message;
}

const lastFailureReason = async () =>
  (
    await t.db
      .selectFrom('auditLog')
      .select('reason')
      .where('action', '=', 'sign-in-failed')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).reason;

describe('AuthService', () => {
  test('should give one generic message for an unknown user, an inactive account and a wrong password, auditing the real reason', async () => {
    const unknown = await failure('nobody', PASSWORD);
    assert.equal(await lastFailureReason(), 'unknown username');
    assert.equal(await failure('leaver', PASSWORD), unknown);
    assert.equal(await lastFailureReason(), 'inactive account');
    assert.equal(await failure('officer', 'wrong-password-here'), unknown);
    assert.equal(await lastFailureReason(), 'wrong password');
    assert.doesNotMatch(unknown, /unknown|inactive|wrong password/i);
    // A success clears the count.
    await auth.signIn('  OFFICER ', PASSWORD);
  });

  test(`should lock the account for ${LOCK_MINUTES} minutes after ${MAX_FAILED_ATTEMPTS} failures`, async () => {
    try {
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await failure('officer', 'wrong-password-here');
      assert.equal(await lastFailureReason(), 'wrong password; account locked');
      await failure('officer', PASSWORD);
      assert.equal(await lastFailureReason(), 'account locked');
      clock.advance(LOCK_MINUTES * MINUTE + 1000);
      const signedIn = await auth.signIn('officer', PASSWORD);
      assert.equal(signedIn.actor.role, 'officer');
    } finally {
      clock.set(START);
    }
  });

  test('should start the failure count again when a lock has run out', async () => {
    try {
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await failure('officer', 'wrong-password-here');
      clock.advance(LOCK_MINUTES * MINUTE + 1000);
      await failure('officer', 'wrong-password-here');
      assert.equal(
        await lastFailureReason(),
        'wrong password',
        'one mistake after the lock must not re-lock',
      );
      const signedIn = await auth.signIn('officer', PASSWORD);
      assert.equal(signedIn.actor.role, 'officer');
    } finally {
      clock.set(START);
    }
  });

  test('should store sessions by hash, slide the idle time-out and stop at the absolute one', async () => {
    try {
      const s = await auth.signIn('officer', PASSWORD);
      const row = await t.db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', sha256Hex(s.token))
        .executeTakeFirstOrThrow();
      assert.equal(row.expiresAt, new Date(Date.parse(START) + 30 * MINUTE).toISOString());
      clock.advance(29 * MINUTE);
      assert.ok(await auth.sessionActor(s.token));
      clock.advance(29 * MINUTE); // 58 minutes in, 29 since last seen
      assert.ok(await auth.sessionActor(s.token));
      clock.advance(31 * MINUTE);
      assert.equal(await auth.sessionActor(s.token), null, 'idle for 31 minutes');

      clock.set(START);
      const busy = await auth.signIn('officer', PASSWORD);
      for (let m = 25; m < 12 * 60; m += 25) {
        clock.set(new Date(Date.parse(START) + m * MINUTE));
        assert.ok(await auth.sessionActor(busy.token), `ended after ${m} minutes`);
      }
      clock.set(new Date(Date.parse(START) + 12 * 60 * MINUTE));
      assert.equal(await auth.sessionActor(busy.token), null, 'outlived the absolute time-out');
    } finally {
      clock.set(START);
    }
  });

  test("should write an API token's last use at most once a minute when it is used repeatedly", async () => {
    try {
      const repos = createRepositories(t.db);
      const admin = await auth.createUser('system', {
        username: 'token-admin',
        displayName: 'Token admin',
        role: 'admin',
        teamId: null,
        password: PASSWORD,
      });
      const officer = (await repos.users.getByUsername('officer'))!;
      const token = await auth.createApiToken(actorOf(admin), officer.id, 'repeated use');
      const lastUsed = async () =>
        (
          await t.db
            .selectFrom('apiTokens')
            .select('lastUsedAt')
            .where('tokenHash', '=', sha256Hex(token))
            .executeTakeFirstOrThrow()
        ).lastUsedAt;
      assert.equal(await lastUsed(), null);
      assert.equal((await auth.apiTokenActor(token))?.id, officer.id);
      assert.equal(await lastUsed(), START, 'first use is written');
      clock.advance(59 * 1000);
      assert.ok(await auth.apiTokenActor(token));
      assert.equal(await lastUsed(), START, 'a use within the minute is not written');
      clock.advance(MINUTE);
      assert.ok(await auth.apiTokenActor(token));
      assert.equal(
        await lastUsed(),
        new Date(Date.parse(START) + 119 * 1000).toISOString(),
        'a minute later it is',
      );
      // The repository compares in SQL too: a stale caller within the minute writes nothing.
      const row = await t.db
        .selectFrom('apiTokens')
        .select('id')
        .where('tokenHash', '=', sha256Hex(token))
        .executeTakeFirstOrThrow();
      assert.equal(
        await repos.sessions.touchApiToken(row.id, new Date(Date.parse(START) + 150 * 1000).toISOString()),
        false,
      );
      assert.equal(
        await repos.sessions.touchApiToken(row.id, new Date(Date.parse(START) + 180 * 1000).toISOString()),
        true,
      );
    } finally {
      clock.set(START);
    }
  });

  test('should delete the session on sign-out and audit it', async () => {
    const s = await auth.signIn('officer', PASSWORD);
    await auth.signOut(s.token);
    assert.equal(await auth.sessionActor(s.token), null);
    assert.equal(
      (await t.db.selectFrom('sessions').select('id').where('id', '=', sha256Hex(s.token)).execute()).length,
      0,
    );
    const last = await t.db
      .selectFrom('auditLog')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.deepEqual([last.action, last.userId], ['sign-out', s.actor.id]);
  });

  test('should let only administrators create accounts or API tokens, and refuse weak passwords naming the field', async () => {
    const officer = actorOf((await createRepositories(t.db).users.getByUsername('officer'))!);
    await assert.rejects(
      auth.createUser(officer, {
        username: 'x',
        displayName: 'X',
        role: 'admin',
        teamId: null,
        password: PASSWORD,
      }),
      Forbidden,
    );
    await assert.rejects(auth.createApiToken(officer, officer.id, 'mine'), Forbidden);
    await assert.rejects(
      auth.createUser('system', {
        username: 'weak',
        displayName: 'W',
        role: 'officer',
        teamId: null,
        password: 'password1234',
      }),
      (e: unknown) => e instanceof ValidationFailed && e.problems.every((p) => p.field === 'password'),
    );
  });
});
