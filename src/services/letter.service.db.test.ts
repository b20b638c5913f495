/**
 * Letters made from the record: content from the letter model and from the text of the PDF, the event each
 * letter puts on the timeline and what it does (and does not) discharge, and the EL-FILING-LETTER guard.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { openApiHarness, type ApiHarness } from '../http/api/testing/api-harness.js';
import { recordLateUpdateCase } from '../web/testing/compliance-case.fixture.js';
import { actorOf } from './auth.service.js';
import type { LetterRequest } from './letter.service.js';
import { Forbidden, ValidationFailed } from './service-errors.js';
import type { Actor } from '../auth/access.policy.js';

const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (
  data: Buffer,
) => Promise<{ text: string; info: Record<string, unknown> }>;
const pdfText = async (pdf: Buffer) => (await pdfParse(pdf)).text.replace(/\s+/g, ' ');

const officerFields = {
  rankOrRole: 'DC',
  collarNumber: '4321',
  phone: '01622 650 000',
  email: 'dc.test@kent.police.uk',
};

describe('LetterService', () => {
  let h: ApiHarness;
  let officer: Actor;
  let supervisor: Actor;

  before(async () => {
    h = await openApiHarness({ now: '2026-04-15T09:00:00.000Z' });
    officer = actorOf(h.accounts.officer.user);
    supervisor = actorOf(h.accounts.supervisor.user);
  });
  after(async () => {
    await h.close();
  });

  const request = (
    personId: string,
    kind: LetterRequest['kind'],
    extra: Partial<LetterRequest> = {},
  ): LetterRequest => ({ kind, personId, officer: officerFields, ...extra });

  test('should make a written confirmation with the crime reference and officer contact and record the Victim Care Card when produced', async () => {
    const c = await recordLateUpdateCase(h.services, officer, '46/8001/26');
    const before = (await h.services.cases.getCase(officer, c.investigation.id)).obligations.find(
      (o) => o.rule === 'OB-VICTIM-CARE-CARD',
    )!;
    assert.equal(before.status, 'overdue');
    const made = await h.services.letters.produce(
      officer,
      request(c.victim.id, 'crime-report-confirmation', { offenceDescription: 'the break-in at your home' }),
    );
    assert.equal(made.document.references[0]!.value, '46/8001/26');
    assert.equal(made.document.signOff.email, officerFields.email);
    assert.equal(made.document.letterhead.forceName, 'Kent Police');
    const pdf = await h.services.letters.pdf(officer, made.letter.id);
    const text = await pdfText(pdf.body);
    assert.match(text, /Crime reference: 46\/8001\/26/);
    assert.match(text, /dc\.test@kent\.police\.uk/);
    assert.match(text, /01622 650 000/);
    assert.match(text, /Police Headquarters/);
    const view = await h.services.cases.getCase(officer, c.investigation.id);
    const event = view.events.find((e) => e.ref === made.eventRef)!;
    assert.equal(event.type, 'victim-care-card');
    assert.equal(view.obligations.find((o) => o.rule === 'OB-VICTIM-CARE-CARD')!.status, 'met-late');
    // It is not a conversation: the initial contact owed by phone is not discharged by it.
    assert.equal(
      view.obligations.find((o) => o.rule === 'OB-INITIAL-CONTACT')!.metByEventId === event.id,
      false,
    );
  });

  test('should refuse a filing letter and audit the refusal when EL-FILING-LETTER does not permit one', async () => {
    const c = await recordLateUpdateCase(h.services, officer, '46/8002/26', {
      name: 'Sam Fearful',
      fearOrDistress: true,
    });
    const options = await h.services.letters.options(officer, c.victim.id);
    assert.equal(options.filing.permitted, false);
    await assert.rejects(
      h.services.letters.produce(officer, request(c.victim.id, 'filing', { addressConfirmedSafe: true })),
      (e: unknown) =>
        e instanceof ValidationFailed &&
        e.problems[0]!.field === 'kind' &&
        /not permitted/.test(e.problems[0]!.message),
    );
    assert.deepEqual(await h.services.letters.list(officer, c.investigation.id), []);
    const view = await h.services.cases.getCase(officer, c.investigation.id);
    assert.equal(
      view.events.some((e) => e.type === 'filing-letter-sent'),
      false,
    );
    const refused = await h.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'refused')
      .where('reason', '=', 'EL-FILING-LETTER')
      .execute();
    assert.equal(refused.length, 1);
  });

  test('should refuse a permitted filing letter until the address is confirmed safe, then mark it confidential when produced', async () => {
    const c = await recordLateUpdateCase(h.services, officer, '46/8003/26', { name: 'Pat Ordinary' });
    await assert.rejects(
      h.services.letters.produce(officer, request(c.victim.id, 'filing', { addressConfirmedSafe: false })),
      (e: unknown) =>
        e instanceof ValidationFailed && e.problems.some((p) => p.field === 'addressConfirmedSafe'),
    );
    const made = await h.services.letters.produce(
      officer,
      request(c.victim.id, 'filing', {
        addressConfirmedSafe: true,
        contactAttempts: ['three phone calls from an unwithheld number', 'a visit to your home'],
      }),
    );
    assert.equal(made.document.marking, 'CONFIDENTIAL');
    const text = await pdfText((await h.services.letters.pdf(officer, made.letter.id)).body);
    assert.match(text, /CONFIDENTIAL/);
    assert.match(text, /a visit to your home/);
    const event = (await h.services.cases.getCase(officer, c.investigation.id)).events.find(
      (e) => e.ref === made.eventRef,
    )!;
    assert.equal(event.type, 'filing-letter-sent');
    assert.equal((event.details as { justificationApproved?: boolean }).justificationApproved, undefined);
  });

  test('should allow a filing letter with justificationApproved when a supervisor approved a justification at sign-off', async () => {
    const c = await recordLateUpdateCase(h.services, officer, '46/8004/26', {
      name: 'Jo Intimidated',
      fearOrDistress: true,
    });
    await h.services.filing.signOff(supervisor, c.investigation.id, {
      person: c.victim.ref,
      at: '2026-04-14T10:00:00.000Z',
      letterJustificationApproved: true,
      justification:
        'Victim asked for written contact only through her solicitor; address verified with the solicitor.',
    });
    const made = await h.services.letters.produce(
      officer,
      request(c.victim.id, 'filing', { addressConfirmedSafe: true }),
    );
    const event = (await h.services.cases.getCase(officer, c.investigation.id)).events.find(
      (e) => e.ref === made.eventRef,
    )!;
    assert.equal((event.details as { justificationApproved?: boolean }).justificationApproved, true);
  });

  test('should put the reasons and the Victims’ Right to Review in a no-further-action letter and inform of that decision when produced', async () => {
    const c = await recordLateUpdateCase(h.services, officer, '46/8005/26', { name: 'Chris Decision' });
    await h.services.cases.recordEvent(officer, c.investigation.id, {
      id: '__new__',
      type: 'suspect-released-nfa',
      at: '2026-04-14T15:00:00.000Z',
    } as never);
    const options = await h.services.letters.options(officer, c.victim.id);
    const decision = options.decisions.find((d) => d.type === 'suspect-released-nfa')!;
    await assert.rejects(
      h.services.letters.produce(
        officer,
        request(c.victim.id, 'no-further-action', { decisionEvent: decision.ref, reasons: [] }),
      ),
      ValidationFailed,
    );
    const made = await h.services.letters.produce(
      officer,
      request(c.victim.id, 'no-further-action', {
        decisionEvent: decision.ref,
        reasons: ['There is not enough evidence to identify who broke in.'],
      }),
    );
    const text = await pdfText((await h.services.letters.pdf(officer, made.letter.id)).body);
    assert.match(text, /There is not enough evidence to identify who broke in\./);
    assert.match(text, /Victims[’'] Right to Review/);
    const view = await h.services.cases.getCase(officer, c.investigation.id);
    const contact = view.events.find((e) => e.ref === made.eventRef)!;
    assert.equal(contact.type, 'contact');
    assert.deepEqual(
      [(contact.details as { method: string }).method, (contact.details as { informs: string[] }).informs],
      ['letter', [decision.ref]],
    );
    const nfaUpdate = view.obligations.find(
      (o) => o.rule === 'OB-MANDATORY-UPDATE' && o.triggerRef === decision.ref,
    )!;
    assert.equal(nfaUpdate.status, 'met');
  });

  test('should acknowledge a complaint with the likely timescale and discharge the complaint response when produced', async () => {
    const c = await recordLateUpdateCase(h.services, officer, '46/8006/26', { name: 'Lee Complains' });
    await h.services.cases.recordEvent(officer, c.investigation.id, {
      id: '__new__',
      type: 'complaint-received',
      at: '2026-04-13T09:00:00.000Z',
      person: c.victim.ref,
    } as never);
    const options = await h.services.letters.options(officer, c.victim.id);
    const made = await h.services.letters.produce(
      officer,
      request(c.victim.id, 'complaint-acknowledgement', {
        complaintEvent: options.complaints[0]!.ref,
        likelyTimescale: 'within 20 working days',
      }),
    );
    const text = await pdfText((await h.services.letters.pdf(officer, made.letter.id)).body);
    assert.match(text, /within 20 working days/);
    const view = await h.services.cases.getCase(officer, c.investigation.id);
    assert.equal(view.obligations.find((o) => o.rule === 'OB-COMPLAINT-RESPONSE')!.status, 'met');
  });

  test('should audit each download and refuse a role that may not record when asked', async () => {
    const c = await recordLateUpdateCase(h.services, officer, '46/8007/26', { name: 'Ali Download' });
    const made = await h.services.letters.produce(officer, request(c.victim.id, 'crime-report-confirmation'));
    await h.services.letters.pdf(actorOf(h.accounts.compliance.user), made.letter.id);
    const reads = await h.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('recordType', '=', 'letter')
      .where('recordId', '=', made.letter.id)
      .where('action', '=', 'read')
      .execute();
    assert.equal(reads.length, 1);
    await assert.rejects(
      h.services.letters.produce(
        actorOf(h.accounts.compliance.user),
        request(c.victim.id, 'crime-report-confirmation'),
      ),
      Forbidden,
    );
  });
});
