// Route tests of the JSON API over the real server (app.inject): the SOP's entry rules, problem documents
// for every kind of refusal, nothing written by a refused request, and obligations derived in the same
// transaction as the facts that discharge them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { API_RATE_LIMIT } from './api/api.routes.js';
import { json, openApiHarness, type ApiHarness } from './api/testing/api-harness.js';

let h: ApiHarness;
let urnCounter = 100;

before(async () => {
  h = await openApiHarness({ now: '2026-03-10T12:00:00.000Z' }); // a Tuesday, GMT
});
after(async () => {
  await h.close();
});

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: { field: string; message: string }[];
}

function assertProblem(res: LightMyRequestResponse, status: number, fields: string[] = []): Problem {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const doc = json<Problem>(res);
  assert.equal(doc.status, status);
  assert.ok(doc.type && doc.title && typeof doc.detail === 'string', res.body);
  assert.ok(Array.isArray(doc.errors), `errors[] missing: ${res.body}`);
  assert.deepEqual([...new Set(doc.errors.map((e) => e.field))].sort(), [...fields].sort(), res.body);
  for (const e of doc.errors) assert.ok(e.message.length > 0);
  assert.doesNotMatch(res.body, /\s+at\s+\S+\s\(|\.ts:\d+|node_modules/, 'a stack trace leaked');
  return doc;
}

/** An investigation (OIC: the test officer) with one victim; returns their ids. */
async function caseWithVictim(
  victim: Record<string, unknown> = {},
): Promise<{ id: string; urn: string; personId: string }> {
  const urn = `46/${urnCounter++}/26`;
  const inv = await h.as('officer', {
    method: 'POST',
    url: '/api/v1/investigations',
    payload: { urn, reportedAt: '2026-03-09T09:00:00Z', offences: [{ category: 'violence-with-injury' }] },
  });
  assert.equal(inv.statusCode, 201, inv.body);
  const id = json<{ id: string }>(inv).id;
  const person = await h.as('officer', {
    method: 'POST',
    url: `/api/v1/investigations/${id}/people`,
    payload: {
      role: 'victim',
      kind: 'person',
      name: 'Alex Jones',
      dateOfBirth: '1990-04-01',
      contract: { preferredMethod: 'phone', timesToAvoid: [{ days: ['tue'], from: '09:00', to: '11:30' }] },
      ...victim,
    },
  });
  assert.equal(person.statusCode, 201, person.body);
  return { id, urn, personId: json<{ id: string }>(person).id };
}

/** What a refused request must leave untouched. */
async function snapshot(investigationId: string) {
  const db = h.database.db;
  const [events, people, creates, obligations, inv] = await Promise.all([
    db.selectFrom('events').select('id').where('investigationId', '=', investigationId).execute(),
    db.selectFrom('people').select('id').where('investigationId', '=', investigationId).execute(),
    db
      .selectFrom('auditLog')
      .select('id')
      .where('investigationId', '=', investigationId)
      .where('action', 'in', ['create', 'update'])
      .execute(),
    db
      .selectFrom('obligations')
      .select(['rule', 'status', 'dueDate', 'personId', 'metByEventId'])
      .where('investigationId', '=', investigationId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('investigations')
      .select('version')
      .where('id', '=', investigationId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    events: events.length,
    people: people.length,
    writes: creates.length,
    obligations,
    version: inv.version,
  };
}

function contact(person: string, fields: Record<string, unknown> = {}) {
  return {
    type: 'contact',
    at: '2026-03-10T11:45:00Z',
    person,
    method: 'phone',
    outcome: 'successful',
    purposes: ['initial-contact'],
    summary:
      'Spoke to the victim, explained the investigation, the next steps and how to reach the officer in charge.',
    ...fields,
  };
}

describe('entry rules (SOP) over HTTP', () => {
  test('should refuse a bare-formula contact summary with 422 naming summary, writing nothing, when the summary says only "Victim updated"', async () => {
    const c = await caseWithVictim();
    const before = await snapshot(c.id);
    for (const summary of ['Victim updated', 'victim updated.', 'Called victim, all fine']) {
      const res = await h.as('officer', {
        method: 'POST',
        url: `/api/v1/investigations/${c.id}/events`,
        payload: contact('v1', { summary }),
      });
      const doc = assertProblem(res, 422, ['summary']);
      assert.match(doc.errors[0]!.message, /not detailed enough/);
    }
    assert.deepEqual(
      await snapshot(c.id),
      before,
      'a refused contact wrote an event, an audit entry or changed obligations',
    );
  });

  test('should refuse a needs assessment naming each mismatched field when the URN, name and date of birth differ from the record', async () => {
    const c = await caseWithVictim();
    const before = await snapshot(c.id);
    const res = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${c.id}/events`,
      payload: {
        type: 'needs-assessment',
        at: '2026-03-10T10:00:00Z',
        person: 'v1',
        urn: '46/9999/26',
        personName: 'Alan Jones',
        dateOfBirth: '1990-01-04',
      },
    });
    assertProblem(res, 422, ['urn', 'personName', 'dateOfBirth']);
    assert.deepEqual(await snapshot(c.id), before);

    const onlyDob = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${c.id}/events`,
      payload: {
        type: 'needs-assessment',
        at: '2026-03-10T10:00:00Z',
        person: 'v1',
        urn: c.urn,
        personName: 'alex  JONES',
        dateOfBirth: '1990-01-04',
      },
    });
    assertProblem(onlyDob, 422, ['dateOfBirth']);

    const matching = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${c.id}/events`,
      payload: {
        type: 'needs-assessment',
        at: '2026-03-10T10:00:00Z',
        person: 'v1',
        urn: c.urn,
        personName: 'Alex Jones',
        dateOfBirth: '1990-04-01',
      },
    });
    assert.equal(matching.statusCode, 201, matching.body);
  });

  test('should refuse a business victim with no named point of contact naming namedContact, adding no one', async () => {
    const c = await caseWithVictim();
    const before = await snapshot(c.id);
    for (const namedContact of [undefined, '   ']) {
      const res = await h.as('officer', {
        method: 'POST',
        url: `/api/v1/investigations/${c.id}/people`,
        payload: {
          role: 'victim',
          kind: 'business',
          name: 'Corner Shop Ltd',
          ...(namedContact === undefined ? {} : { namedContact }),
        },
      });
      assertProblem(res, 422, ['namedContact']);
    }
    assert.deepEqual(await snapshot(c.id), before);
    const ok = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${c.id}/people`,
      payload: {
        role: 'victim',
        kind: 'business',
        name: 'Corner Shop Ltd',
        namedContact: 'Sam Khan, store manager',
      },
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('should accept an initial contact by email with a warning and an F-EMAIL-NOT-PREFERRED finding when the victim prefers phone', async () => {
    const c = await caseWithVictim();
    const res = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${c.id}/events`,
      payload: contact('v1', { method: 'email' }),
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = json<{ warnings: string[]; event: { ref: string } }>(res);
    assert.equal(body.warnings.length, 1, res.body);
    assert.match(body.warnings[0]!, /not the victim's preferred method/);
    const view = json<{ findings: { code: string; eventRef: string | null }[] }>(
      await h.as('officer', { url: `/api/v1/investigations/${c.id}` }),
    );
    assert.ok(
      view.findings.some((f) => f.code === 'F-EMAIL-NOT-PREFERRED' && f.eventRef === body.event.ref),
      JSON.stringify(view.findings),
    );
    assert.ok(!view.findings.some((f) => f.code === 'F-TIMES-TO-AVOID'));
  });

  test('should accept a contact inside the times to avoid with a warning and an F-TIMES-TO-AVOID finding', async () => {
    const c = await caseWithVictim();
    // Tuesday 10:15 London (GMT): inside the victim's Tuesday 09:00–11:30.
    const res = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${c.id}/events`,
      payload: contact('v1', { at: '2026-03-10T10:15:00Z' }),
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = json<{ warnings: string[] }>(res);
    assert.equal(body.warnings.length, 1, res.body);
    assert.match(body.warnings[0]!, /inside a time the victim asked to avoid/);
    const view = json<{ findings: { code: string }[] }>(
      await h.as('officer', { url: `/api/v1/investigations/${c.id}` }),
    );
    assert.deepEqual(
      view.findings.map((f) => f.code),
      ['F-TIMES-TO-AVOID'],
    );

    const outside = await caseWithVictim();
    const quiet = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${outside.id}/events`,
      payload: contact('v1'),
    });
    assert.equal(quiet.statusCode, 201, quiet.body);
    assert.deepEqual(json<{ warnings: string[] }>(quiet).warnings, []);
  });
});

describe('obligations derived in the same transaction', () => {
  test('should move the mandatory update from due to met on my worklist when a contact informs the victim of the arrest', async () => {
    const c = await caseWithVictim();
    const arrest = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${c.id}/events`,
      payload: { type: 'suspect-arrested', at: '2026-03-10T08:00:00Z' },
    });
    assert.equal(arrest.statusCode, 201, arrest.body);
    const arrestRef = json<{ event: { ref: string; id: string } }>(arrest).event;

    type Item = {
      investigationId: string;
      rule: string;
      status: string;
      triggerEventId: string | null;
      dueDate: string;
    };
    const mine = async () =>
      json<{ items: Item[] }>(
        await h.as('officer', { url: '/api/v1/worklists/mine?limit=500' }),
      ).items.filter((i) => i.investigationId === c.id);
    const dueBefore = (await mine()).find((i) => i.rule === 'OB-MANDATORY-UPDATE');
    assert.ok(dueBefore, 'the mandatory update for the arrest is not on the worklist');
    assert.equal(dueBefore.status, 'due');
    assert.equal(dueBefore.triggerEventId, arrestRef.id);
    assert.equal(dueBefore.dueDate, '2026-03-17'); // 5 working days after Tuesday 10 March

    const informed = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${c.id}/events`,
      payload: contact('v1', {
        purposes: ['initial-contact', 'mandatory-update'],
        informs: [arrestRef.ref],
        summary:
          'Told the victim the suspect was arrested this morning, is in custody and will be interviewed; next update after the interview.',
      }),
    });
    assert.equal(informed.statusCode, 201, informed.body);
    const contactRef = json<{ event: { ref: string } }>(informed).event.ref;

    assert.equal(
      (await mine()).find((i) => i.rule === 'OB-MANDATORY-UPDATE'),
      undefined,
      'the met mandatory update is still on the worklist',
    );
    const view = json<{
      obligations: { rule: string; status: string; triggerRef: string | null; metByRef: string | null }[];
    }>(await h.as('officer', { url: `/api/v1/investigations/${c.id}` }));
    const update = view.obligations.filter((o) => o.rule === 'OB-MANDATORY-UPDATE');
    assert.equal(update.length, 1, JSON.stringify(view.obligations));
    assert.equal(update[0]!.status, 'met');
    assert.equal(update[0]!.triggerRef, arrestRef.ref);
    assert.equal(update[0]!.metByRef, contactRef);
  });
});

describe('problem documents', () => {
  test('should name the body when the JSON is malformed or empty', async () => {
    const bad = await h.as('officer', {
      method: 'POST',
      url: '/api/v1/investigations',
      headers: { 'content-type': 'application/json' },
      payload: '{"urn": "46/1/26",',
    });
    assertProblem(bad, 400, ['body']);
    const empty = await h.as('officer', {
      method: 'POST',
      url: '/api/v1/investigations',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    assertProblem(empty, 400, ['body']);
  });

  test('should refuse a body that is not JSON with 415 naming the content type', async () => {
    const res = await h.as('officer', {
      method: 'POST',
      url: '/api/v1/investigations',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'urn=46%2F1%2F26',
    });
    assertProblem(res, 415, ['content-type']);
    const text = await h.as('officer', {
      method: 'POST',
      url: '/api/v1/investigations',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    assertProblem(text, 415, ['content-type']);
  });

  test('should name every invalid field with its path when the body fails the schema', async () => {
    const res = await h.as('officer', {
      method: 'POST',
      url: '/api/v1/investigations',
      payload: {
        urn: '46/1/26',
        reportedAt: 'yesterday',
        offences: [{ category: 'violence-with-injury' }, { category: 'jaywalking' }],
      },
    });
    assertProblem(res, 400, ['reportedAt', 'offences[1].category']);
    const params = await h.as('officer', { url: '/api/v1/investigations/not-a-uuid' });
    assertProblem(params, 400, ['id']);
    const query = await h.as('officer', { url: '/api/v1/worklists/mine?bucket=someday&limit=0' });
    assertProblem(query, 400, ['bucket', 'limit']);
  });

  test('should answer 401 without credentials or with an unknown token, 403 for a refused role, 404 for an unknown record', async () => {
    const c = await caseWithVictim();
    assertProblem(await h.as(null, { url: `/api/v1/investigations/${c.id}` }), 401);
    assertProblem(
      await h.app.inject({
        url: `/api/v1/investigations/${c.id}`,
        headers: { authorization: 'Bearer vc_not-a-token' },
      }),
      401,
    );
    assertProblem(
      await h.as('compliance', {
        method: 'POST',
        url: `/api/v1/investigations/${c.id}/events`,
        payload: contact('v1'),
      }),
      403,
    );
    assertProblem(
      await h.as('officer', { url: '/api/v1/investigations/00000000-0000-4000-8000-000000000000' }),
      404,
    );
    assertProblem(await h.as('officer', { url: '/api/v1/no-such-route' }), 404);
  });

  test('should answer 409 and change nothing when the expected version is stale', async () => {
    const c = await caseWithVictim();
    const { version } = await snapshot(c.id);
    const before = await snapshot(c.id);
    const res = await h.as('supervisor', {
      method: 'PATCH',
      url: `/api/v1/investigations/${c.id}`,
      payload: { anticipatedPlea: 'guilty', expectedVersion: version - 1 },
    });
    assertProblem(res, 409);
    assert.deepEqual(await snapshot(c.id), before);
    const ok = await h.as('supervisor', {
      method: 'PATCH',
      url: `/api/v1/investigations/${c.id}`,
      payload: { anticipatedPlea: 'guilty', expectedVersion: version },
    });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test('should refuse an event whose person does not exist, naming the field, and write nothing', async () => {
    const c = await caseWithVictim();
    const before = await snapshot(c.id);
    const res = await h.as('officer', {
      method: 'POST',
      url: `/api/v1/investigations/${c.id}/events`,
      payload: contact('v9'),
    });
    assertProblem(res, 422, ['person']);
    assert.deepEqual(await snapshot(c.id), before);
  });

  test('should answer 429 as a problem document when one client exceeds the API rate limit', async () => {
    const address = '198.51.100.7';
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i <= API_RATE_LIMIT; i++) {
      last = await h.app.inject({ url: '/api/v1/worklists/mine', remoteAddress: address });
      if (i < API_RATE_LIMIT) assert.equal(last.statusCode, 401);
    }
    assertProblem(last!, 429);
    // Another client is unaffected.
    assert.equal((await h.as('officer', { url: '/api/v1/worklists/mine' })).statusCode, 200);
  });
});
