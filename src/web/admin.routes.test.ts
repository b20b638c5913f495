// Route tests of the admin pages (in-process, app.inject over PGlite in memory): every form re-renders with
// the GOV.UK error summary, inline errors and the values typed (never a password); the token secret is
// shown once with cache-control no-store and works until revoked; bank holidays added here change the
// list; "who viewed" resolves a URN; the chain check names a tampered entry; other roles get the 403 page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Role } from '../auth/access.policy.js';
import { openApiHarness, type ApiHarness } from '../http/api/testing/api-harness.js';
import { signInPages, type PageSessions } from './testing/page-sessions.js';
import { actorOf } from '../services/auth.service.js';
import { newInvestigationInput } from '../services/case.schemas.js';
import { createRepositories } from '../store/repositories.js';

describe('admin pages', () => {
  let h: ApiHarness;
  let pages: PageSessions;

  before(async () => {
    h = await openApiHarness({ now: '2026-03-10T12:00:00.000Z' });
    pages = await signInPages(h, ['admin', 'officer', 'supervisor', 'compliance']);
  });
  after(async () => h?.close());

  const get = (role: Role, url: string) => pages.get(role, url);
  const post = (role: Role, url: string, form: Record<string, string | string[]>, csrf = true) =>
    pages.post(role, url, form, csrf);
  const userId = async (username: string) =>
    (await h.services.admin.listUsers(actorOf(h.accounts.admin.user))).find((u) => u.username === username)
      ?.id ?? '';

  it('should show the counts and offer the chain check, when an administrator opens /admin', async () => {
    const res = await get('admin', '/admin');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Admin<\/h1>/);
    assert.match(res.body, /href="\/admin\/audit\/verify"/);
    assert.match(res.body, /6 active, 0 deactivated/, 'the six accounts of the harness');
    assert.match(res.body, /6 in use, 0 revoked/, 'one token per harness account');
    for (const href of [
      '/admin/users',
      '/admin/tokens',
      '/admin/teams',
      '/admin/bank-holidays',
      '/admin/audit/viewers',
      '/admin/audit/verify',
    ]) {
      assert.ok(res.body.includes(`href="${href}"`), `links to ${href}`);
    }
    assert.match(
      res.body,
      /aria-current="page"[^>]*>\s*<strong class="govuk-service-navigation__active-fallback">Admin|href="\/admin"[^>]*aria-current="page"/,
    );
  });

  it('should answer the 403 page and audit the refusal, when another role opens or posts to an admin page', async () => {
    const pages = [
      '/admin',
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${h.accounts.officer.user.id}/password`,
      `/admin/users/${h.accounts.officer.user.id}/deactivate`,
      '/admin/tokens',
      '/admin/tokens/new',
      '/admin/teams',
      '/admin/bank-holidays',
      '/admin/audit/viewers',
      '/admin/audit/viewers?type=investigation&id=5b0c0d43-52a4-4b4f-a8f5-0c2d8e1a7a11',
      '/admin/audit/verify',
    ];
    for (const role of ['officer', 'supervisor', 'compliance'] as const) {
      for (const url of pages) {
        const res = await get(role, url);
        assert.equal(res.statusCode, 403, `${role} GET ${url}`);
        assert.match(res.body, /You do not have access/);
      }
    }
    const posts: [string, Record<string, string>][] = [
      [
        '/admin/users/new',
        { username: 'sneaky', displayName: 'S', role: 'admin', password: 'a-long-enough-password' },
      ],
      [`/admin/users/${h.accounts.supervisor.user.id}/deactivate`, {}],
      [`/admin/users/${h.accounts.supervisor.user.id}/password`, { password: 'a-long-enough-password' }],
      ['/admin/tokens/new', { userId: h.accounts.officer.user.id, name: 'mine' }],
      ['/admin/teams', { name: 'Sneaky', code: 'SNEAK' }],
      ['/admin/bank-holidays', { 'date-day': '1', 'date-month': '6', 'date-year': '2026', name: 'Day off' }],
    ];
    for (const [url, form] of posts) {
      const res = await post('officer', url, form);
      assert.equal(res.statusCode, 403, `officer POST ${url}`);
    }
    assert.equal(await userId('sneaky'), '', 'no account was created');
    const refusals = await h.database.db
      .selectFrom('auditLog')
      .select(['reason'])
      .where('action', '=', 'refused')
      .where('userId', '=', h.accounts.officer.user.id)
      .execute();
    assert.ok(
      refusals.some((r) => r.reason?.startsWith('admin:manage')),
      'the refusals are audited',
    );
  });

  it('should refuse a form posted without the CSRF token, when an administrator is signed in', async () => {
    const res = await post('admin', '/admin/teams', { name: 'No token', code: 'NO-TOKEN' }, false);
    assert.equal(res.statusCode, 403);
    assert.equal((await get('admin', '/admin/teams')).body.includes('NO-TOKEN'), false);
  });

  it('should create an account, with the password policy’s messages and the values kept, when the form is posted', async () => {
    const form = await get('admin', '/admin/users/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="_csrf"/);
    assert.match(form.body, /Maidstone CID \(MAID-CID\)/);

    const blank = await post('admin', '/admin/users/new', {});
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /<title>Error: /);
    assert.match(blank.body, /There is a problem/);
    for (const [href, text] of [
      ['#username', 'Enter a username'],
      ['#displayName', 'Enter the person’s full name'],
      ['#role', 'Select a role'],
      ['#password', 'Password must be at least 12 characters'],
    ]) {
      assert.ok(blank.body.includes(`href="${href}"`), `the summary links to ${href}`);
      assert.ok(blank.body.includes(text!), text);
    }

    const weak = await post('admin', '/admin/users/new', {
      username: 'a.patel',
      displayName: 'DC Asha Patel',
      email: 'asha.patel@kent.police.uk',
      role: 'officer',
      teamId: h.team.id,
      password: 'password1234',
    });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /Password is a commonly used password: choose another/);
    assert.match(weak.body, /id="username"[^>]*value="a.patel"|value="a.patel"/, 'the username is kept');
    assert.match(weak.body, /value="DC Asha Patel"/);
    assert.match(weak.body, /value="asha.patel@kent.police.uk"/);
    assert.match(weak.body, /value="officer" checked/);
    assert.match(weak.body, new RegExp(`value="${h.team.id}" selected`));
    assert.equal(weak.body.includes('password1234'), false, 'the password is never sent back');

    const ok = await post('admin', '/admin/users/new', {
      username: 'a.patel',
      displayName: 'DC Asha Patel',
      email: '',
      role: 'officer',
      teamId: h.team.id,
      password: 'a-long-and-unusual-pass',
    });
    assert.equal(ok.statusCode, 303);
    const id = await userId('a.patel');
    assert.ok(id);
    assert.equal(ok.headers.location, `/admin/users?done=created&user=${id}`);
    const list = await get('admin', String(ok.headers.location));
    assert.match(list.body, /Account created for DC Asha Patel \(a.patel\)/);
    const row = /data-username="a.patel">([\s\S]*?)<\/tr>/.exec(list.body)?.[1] ?? '';
    assert.match(row, /Investigating officer/);
    assert.match(row, /Maidstone CID/);
    assert.match(row, /Active/);

    const taken = await post('admin', '/admin/users/new', {
      username: 'A.Patel',
      displayName: 'Someone else',
      role: 'imu',
      password: 'another-long-password',
    });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /Username &quot;a.patel&quot; is already taken/);
  });

  it('should reset a password and deactivate an account, but not the administrator’s own, when confirmed', async () => {
    const id = await userId('a.patel');
    const short = await post('admin', `/admin/users/${id}/password`, { password: 'short' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /href="#password"/);
    assert.match(short.body, /Password must be at least 12 characters/);
    const same = await post('admin', `/admin/users/${id}/password`, { password: 'a.patel' });
    assert.match(same.body, /Password must be at least 12 characters and must not be the username/);
    const reset = await post('admin', `/admin/users/${id}/password`, { password: 'a-brand-new-password' });
    assert.equal(reset.statusCode, 303);
    assert.match(
      (await get('admin', String(reset.headers.location))).body,
      /Password reset for DC Asha Patel/,
    );
    const signIn = await h.services.auth.signIn('a.patel', 'a-brand-new-password', { ip: '127.0.0.1' });
    assert.ok(signIn.token, 'the new password works');

    const confirm = await get('admin', `/admin/users/${id}/deactivate`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Deactivate account/);
    const done = await post('admin', `/admin/users/${id}/deactivate`, {});
    assert.equal(done.statusCode, 303);
    const list = await get('admin', String(done.headers.location));
    assert.match(list.body, /Account deactivated: DC Asha Patel/);
    assert.match(/data-username="a.patel">([\s\S]*?)<\/tr>/.exec(list.body)?.[1] ?? '', /Deactivated/);

    const self = h.accounts.admin.user.id;
    assert.match(
      (await get('admin', `/admin/users/${self}/deactivate`)).body,
      /You cannot deactivate your own account/,
    );
    const refused = await post('admin', `/admin/users/${self}/deactivate`, {});
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#confirm"/);
    assert.match(refused.body, /You cannot deactivate your own account/);
    assert.equal(
      (await get('admin', '/admin/users/00000000-0000-4000-8000-000000000000/password')).statusCode,
      404,
    );
  });

  it('should show a new token’s secret once, uncached, and stop it working when revoked', async () => {
    const form = await get('admin', `/admin/tokens/new?userId=${h.accounts.compliance.user.id}`);
    assert.match(form.body, new RegExp(`value="${h.accounts.compliance.user.id}" selected`));
    const blank = await post('admin', '/admin/tokens/new', { userId: '', name: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Select the account the token is for/);
    assert.match(blank.body, /Enter a name for the token/);
    const nameKept = await post('admin', '/admin/tokens/new', { userId: '', name: 'Nightly export' });
    assert.match(nameKept.body, /value="Nightly export"/);

    const issued = await post('admin', '/admin/tokens/new', {
      userId: h.accounts.compliance.user.id,
      name: 'Nightly export',
    });
    assert.equal(issued.statusCode, 201);
    assert.equal(issued.headers['cache-control'], 'no-store');
    assert.match(issued.body, /It is shown only this once/);
    const secret = /id="token" type="text" value="(vc_[^"]+)"/.exec(issued.body)?.[1] ?? '';
    assert.match(secret, /^vc_/);

    const before = await h.app.inject({
      url: '/api/v1/admin/users',
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(
      before.statusCode,
      403,
      'the token is the compliance account: signed in, not an administrator',
    );

    const list = await get('admin', '/admin/tokens');
    assert.equal(list.body.includes(secret), false, 'the list never shows a secret');
    const tokenId = /id="token-([0-9a-f-]{36})" data-name="Nightly export"/.exec(list.body)?.[1] ?? '';
    assert.ok(tokenId);
    assert.match(list.body, /Test compliance \(compliance\)/);

    assert.match((await get('admin', `/admin/tokens/${tokenId}/revoke`)).body, /Revoke token/);
    const revoked = await post('admin', `/admin/tokens/${tokenId}/revoke`, {});
    assert.equal(revoked.statusCode, 303);
    assert.match(
      (await get('admin', String(revoked.headers.location))).body,
      /Token “Nightly export” revoked/,
    );
    const after = await h.app.inject({
      url: '/api/v1/admin/users',
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(after.statusCode, 401, 'a revoked token no longer signs in');

    const again = await post('admin', `/admin/tokens/${tokenId}/revoke`, {});
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /was already revoked/);
  });

  it('should create a team and refuse a duplicate code with the values kept, when the team form is posted', async () => {
    const blank = await post('admin', '/admin/teams', { name: '', code: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter the team name/);
    assert.match(blank.body, /Enter a team code/);
    const ok = await post('admin', '/admin/teams', { name: 'Canterbury CID', code: 'cant-cid' });
    assert.equal(ok.statusCode, 303);
    const page = await get('admin', String(ok.headers.location));
    assert.match(page.body, /Team Canterbury CID \(CANT-CID\) created/);
    assert.match(page.body, /Maidstone CID/);
    const dup = await post('admin', '/admin/teams', { name: 'Canterbury again', code: 'CANT-CID' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /A team with code CANT-CID already exists/);
    assert.match(dup.body, /value="Canterbury again"/);
  });

  it('should add, list and remove a bank holiday and refuse a shipped or unreal date, when the forms are posted', async () => {
    const page = await get('admin', '/admin/bank-holidays');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Bank holidays in 2026/);
    assert.match(page.body, /Good Friday/);
    assert.match(page.body, /None: only the England and Wales list is in use/);

    const unreal = await post('admin', '/admin/bank-holidays', {
      'date-day': '31',
      'date-month': '2',
      'date-year': '2026',
      name: 'Nonsense',
    });
    assert.equal(unreal.statusCode, 400);
    assert.match(unreal.body, /href="#date-day"/);
    assert.match(unreal.body, /Date must be a real date/);
    assert.match(unreal.body, /value="Nonsense"/);

    const shipped = await post('admin', '/admin/bank-holidays', {
      'date-day': '25',
      'date-month': '12',
      'date-year': '2026',
      name: 'Christmas again',
    });
    assert.equal(shipped.statusCode, 400);
    assert.match(shipped.body, /2026-12-25 is already a bank holiday/);

    const ok = await post('admin', '/admin/bank-holidays', {
      'date-day': '8',
      'date-month': '6',
      'date-year': '2026',
      name: 'State occasion',
    });
    assert.equal(ok.statusCode, 303);
    const listed = await get('admin', String(ok.headers.location));
    assert.match(listed.body, /State occasion on 8 June 2026 added/);
    assert.match(listed.body, /data-date="2026-06-08"/);

    const cannot = await post('admin', '/admin/bank-holidays/2026-12-25/remove', {});
    assert.equal(cannot.statusCode, 400);
    assert.match(cannot.body, /cannot be removed/);
    const removed = await post('admin', '/admin/bank-holidays/2026-06-08/remove', {});
    assert.equal(removed.statusCode, 303);
    const after = await get('admin', String(removed.headers.location));
    assert.match(after.body, /The bank holiday on 8 June 2026 was removed/);
    assert.equal(after.body.includes('data-date="2026-06-08"'), false);
  });

  it('should say how many investigations are still being re-derived after a bank-holiday change, on the page and in the API', async () => {
    await h.services.rederivation.idle();
    const officer = actorOf(h.accounts.officer.user);
    const inv = await h.services.cases.createInvestigation(
      officer,
      newInvestigationInput.parse({
        urn: '46/7002/26',
        reportedAt: '2026-03-09T09:00:00Z',
        offences: [{ category: 'burglary' }],
        officerInChargeId: officer.id,
        teamId: h.team.id,
      }),
    );
    await h.services.cases.addPerson(officer, inv.id, { role: 'victim', kind: 'person', name: 'Robin Hill' });
    // Recorded as the admin's change is, by an instance that stopped before it swept.
    await h.database.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      await r.calendar.recordChange({
        date: '2026-03-11',
        change: 'added',
        name: 'State occasion',
        changedAt: '2026-03-10T12:00:00Z',
        changedBy: null,
      });
      await r.calendar.add({ date: '2026-03-11', name: 'State occasion' });
    });
    const status = async () =>
      JSON.parse((await h.as('admin', { url: '/api/v1/admin/bank-holidays/rederivation' })).body) as {
        changesToQueue: number;
        pending: number;
      };

    assert.match(
      (await get('admin', '/admin/bank-holidays')).body,
      /Re-deriving: finding the investigations/,
    );
    assert.deepEqual(await status(), { ...(await status()), changesToQueue: 1, pending: 0 });

    await h.services.rederivation.queueChanges();
    assert.match((await get('admin', '/admin/bank-holidays')).body, /Re-deriving: 1 investigation left/);
    assert.deepEqual(await status(), { ...(await status()), changesToQueue: 0, pending: 1 });

    await h.services.rederivation.sweep();
    assert.doesNotMatch((await get('admin', '/admin/bank-holidays')).body, /data-qa="rederivation"/);
    assert.deepEqual(await status(), { ...(await status()), changesToQueue: 0, pending: 0 });
    assert.equal(
      (await h.as('officer', { url: '/api/v1/admin/bank-holidays/rederivation' })).statusCode,
      403,
    );
  });

  it('should list who viewed an investigation by URN or id, with time, user and reason', async () => {
    const officer = actorOf(h.accounts.officer.user);
    const inv = await h.services.cases.createInvestigation(
      officer,
      newInvestigationInput.parse({
        urn: '46/7001/26',
        reportedAt: '2026-03-09T09:00:00Z',
        offences: [{ category: 'burglary' }],
        officerInChargeId: officer.id,
        teamId: h.team.id,
      }),
    );
    await h.services.cases.getCase(officer, inv.id, 'preparing the victim update');

    const form = await get('admin', '/admin/audit/viewers');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Show who viewed it/);

    const byUrn = await get('admin', '/admin/audit/viewers?urn=46%2F7001%2F26');
    assert.equal(byUrn.statusCode, 200);
    assert.match(byUrn.body, /Investigation 46\/7001\/26:\s*1 viewing/);
    const row = /data-qa="viewer-row">([\s\S]*?)<\/tr>/.exec(byUrn.body)?.[1] ?? '';
    assert.match(row, /Test officer/);
    assert.match(row, /\(officer\)/);
    assert.match(row, /preparing the victim update/);
    assert.match(row, /10 March 2026|9 March 2026|2026/);

    const byId = await get('admin', `/admin/audit/viewers?type=investigation&id=${inv.id}`);
    assert.match(byId.body, /1 viewing/);
    assert.match(byId.body, /preparing the victim update/);

    const unknown = await get('admin', '/admin/audit/viewers?urn=46%2F0000%2F00');
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /No investigation has the URN 46\/0000\/00/);
    assert.match(unknown.body, /value="46\/0000\/00"/);

    const bad = await get('admin', '/admin/audit/viewers?type=&id=not-an-id');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#type"/);
    assert.match(bad.body, /href="#id"/);
    assert.match(bad.body, /value="not-an-id"/);
  });

  it('should verify the audit trail, and name the first broken entry when one is changed', async () => {
    const ok = await get('admin', '/admin/audit/verify');
    assert.equal(ok.statusCode, 200);
    const checked = Number(/All (\d+) entries are intact/.exec(ok.body)?.[1]);
    assert.ok(checked > 20, `checked ${checked}`);
    const victim = await h.database.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'create')
      .orderBy('id')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update audit_log set reason = 'rewritten' where id = ${victim.id}`.execute(h.database.db);
    const broken = await get('admin', '/admin/audit/verify');
    assert.match(broken.body, new RegExp(`The first broken entry is <strong>entry ${victim.id}</strong>`));
  });
});
