import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complaintAcknowledgementLetter } from './complaint-acknowledgement-letter.model.js';
import { crimeReportConfirmationLetter } from './crime-report-confirmation-letter.model.js';
import {
  FilingLetterNotPermittedError,
  filingLetter,
  type FilingLetterInput,
} from './filing-letter.model.js';
import { letterBase } from './fixtures/letter-input.fixture.js';
import {
  LetterInputError,
  VICTIMS_CODE_RIGHTS,
  formatLetterDate,
  letterToPlainText,
} from './letter-parts.model.js';
import type { LetterDocument } from './letter.types.js';
import { RIGHT_TO_REVIEW_HEADING, noFurtherActionLetter } from './no-further-action-letter.model.js';

function text(letter: LetterDocument): string {
  return letterToPlainText(letter);
}

function assertCommonFrame(letter: LetterDocument): void {
  assert.equal(letter.marking, 'CONFIDENTIAL');
  assert.deepEqual(letter.references[0], { label: 'Crime reference', value: '46/123456/26' });
  assert.equal(letter.letterhead.forceName, 'Kent Police');
  assert.deepEqual(letter.letterhead.addressLines, [
    'Police Headquarters',
    'Sutton Road',
    'Maidstone',
    'ME15 9BZ',
  ]);
  assert.equal(letter.letterhead.phone, '101');
  assert.equal(letter.letterhead.website, 'www.kent.police.uk');
  assert.equal(letter.addressee.name, 'Ms Jane Smith');
  assert.equal(letter.dateText, '3 June 2026');
  assert.equal(letter.salutation, 'Dear Ms Smith');
  assert.deepEqual(letter.signOff, {
    closing: 'Yours sincerely',
    name: 'Sam Patel',
    rankOrRole: 'PC',
    collarNumber: '12345',
    phone: '01622 000 000',
    email: 'sam.patel@kent.police.uk',
  });
}

const filingInput = (over: Partial<FilingLetterInput> = {}): FilingLetterInput => ({
  ...letterBase(),
  authority: { permitted: true },
  addressConfirmedSafe: true,
  reportedOn: '2026-04-20',
  ...over,
});

describe('formatLetterDate', () => {
  it('should write a date in words without a leading zero', () => {
    assert.equal(formatLetterDate('2026-06-03'), '3 June 2026');
    assert.equal(formatLetterDate('2026-12-25'), '25 December 2026');
  });
  it('should refuse a malformed or impossible date', () => {
    assert.throws(() => formatLetterDate('03/06/2026'), LetterInputError);
    assert.throws(() => formatLetterDate('2026-02-30'), LetterInputError);
  });
});

describe('crimeReportConfirmationLetter', () => {
  it('should confirm the report with the reference, officer contact, rights and Victim Support', () => {
    const letter = crimeReportConfirmationLetter({
      ...letterBase(),
      reportedOn: '2026-06-01',
      offenceDescription: 'the theft of your bicycle',
      enhanced: false,
    });
    assertCommonFrame(letter);
    assert.equal(letter.kind, 'crime-report-confirmation');
    assert.equal(letter.title, 'Confirmation of your crime report');
    const t = text(letter);
    assert.match(t, /recorded your report of the theft of your bicycle on 1 June 2026/);
    assert.match(t, /Your crime reference is 46\/123456\/26/);
    assert.match(t, /PC 12345 Sam Patel is dealing with your report/);
    assert.match(t, /01622 000 000/);
    assert.match(t, /sam\.patel@kent\.police\.uk/);
    assert.match(t, /within 5 working days/);
    const list = letter.body.find((b) => b.type === 'list');
    assert.ok(list && list.type === 'list');
    assert.equal(list.items.length, 12);
    assert.deepEqual(list.items, [...VICTIMS_CODE_RIGHTS]);
    assert.match(t, /Victim Support/);
    assert.match(t, /0808 168 9111/);
    assert.match(t, /www\.victimsupport\.org\.uk/);
  });

  it('should promise updates within 1 working day for an enhanced victim and state an agreed frequency', () => {
    const t = text(
      crimeReportConfirmationLetter({
        ...letterBase(),
        reportedOn: '2026-06-01',
        enhanced: true,
        agreedUpdateFrequencyDays: 14,
      }),
    );
    assert.match(t, /within 1 working day of the decision/);
    assert.match(t, /at least every 14 days/);
  });

  it('should use a local support service from the force profile when given', () => {
    const base = letterBase();
    const t = text(
      crimeReportConfirmationLetter({
        ...base,
        force: {
          ...base.force,
          victimSupport: {
            name: 'Local Victim Care',
            phone: '0300 000 0000',
            website: 'www.example.org',
            description: 'Free local help.',
          },
        },
        reportedOn: '2026-06-01',
        enhanced: false,
      }),
    );
    assert.match(t, /Local Victim Care free on 0300 000 0000/);
  });

  it('should refuse a letter without a crime reference or address', () => {
    assert.throws(
      () =>
        crimeReportConfirmationLetter({
          ...letterBase({ urn: '  ' }),
          reportedOn: '2026-06-01',
          enhanced: false,
        }),
      /crime reference/,
    );
    const base = letterBase();
    assert.throws(
      () =>
        crimeReportConfirmationLetter({
          ...base,
          recipient: { ...base.recipient, addressLines: [] },
          reportedOn: '2026-06-01',
          enhanced: false,
        }),
      LetterInputError,
    );
  });
});

describe('filingLetter', () => {
  it('should explain filing, reopening, contact and support when permitted', () => {
    const letter = filingLetter(
      filingInput({
        contactAttempts: ['phone calls from a number that is not withheld', 'a visit to your address'],
      }),
    );
    assertCommonFrame(letter);
    assert.equal(letter.kind, 'filing');
    const t = text(letter);
    assert.match(t, /we have not been able to reach you/);
    assert.match(t, /we are filing your report/);
    assert.match(t, /can be reopened/);
    assert.match(t, /a visit to your address/);
    assert.match(t, /sam\.patel@kent\.police\.uk/);
    assert.match(t, /Victim Support/);
    assert.match(t, /999/);
  });

  it('should build when a supervisor approved a recorded justification', () => {
    const letter = filingLetter(
      filingInput({
        authority: { supervisorApprovedJustification: 'Victim asked for letters only; DS 456 agreed.' },
      }),
    );
    assert.equal(letter.kind, 'filing');
  });

  it('should refuse when the letter is not permitted and there is no justification', () => {
    const notPermitted = { permitted: false } as unknown as FilingLetterInput['authority'];
    assert.throws(
      () => filingLetter(filingInput({ authority: notPermitted })),
      (err: unknown) =>
        err instanceof FilingLetterNotPermittedError &&
        err.code === 'FILING_LETTER_NOT_PERMITTED' &&
        err.rule === 'EL-FILING-LETTER' &&
        err.reasons.length === 1 &&
        err.reasons[0] === 'not-permitted' &&
        /not permitted/.test(err.message),
    );
  });

  it('should refuse a blank justification', () => {
    assert.throws(
      () => filingLetter(filingInput({ authority: { supervisorApprovedJustification: '   ' } })),
      FilingLetterNotPermittedError,
    );
  });

  it('should refuse when the address has not been confirmed safe', () => {
    const input = { ...filingInput(), addressConfirmedSafe: false } as unknown as FilingLetterInput;
    assert.throws(
      () => filingLetter(input),
      (err: unknown) =>
        err instanceof FilingLetterNotPermittedError &&
        err.reasons.join() === 'address-not-confirmed-safe' &&
        /current and safe/.test(err.message),
    );
  });

  it('should give every reason when both checks fail', () => {
    const input = { ...letterBase(), reportedOn: '2026-04-20' } as unknown as FilingLetterInput;
    assert.throws(
      () => filingLetter(input),
      (err: unknown) =>
        err instanceof FilingLetterNotPermittedError &&
        err.reasons.join() === 'not-permitted,address-not-confirmed-safe',
    );
  });
});

describe('noFurtherActionLetter', () => {
  it('should give the reasons and the Victims Right to Review information', () => {
    const letter = noFurtherActionLetter({
      ...letterBase(),
      decisionDate: '2026-06-02',
      reasons: ['There is not enough evidence to identify who was responsible.'],
    });
    assertCommonFrame(letter);
    const t = text(letter);
    assert.match(t, /on 2 June 2026 we decided to take no further action/);
    assert.match(t, /not enough evidence to identify who was responsible/);
    assert.ok(letter.body.some((b) => b.type === 'heading' && b.text === RIGHT_TO_REVIEW_HEADING));
    assert.match(t, /Victims' Right to Review scheme/);
    assert.match(t, /within 3 months of the date of this letter/);
    assert.match(t, /contact the officer named in this letter/);
  });

  it('should list several reasons, a computed deadline and the force review route', () => {
    const base = letterBase();
    const letter = noFurtherActionLetter({
      ...base,
      force: { ...base.force, rightToReview: { email: 'vrr@kent.police.uk', phone: '101' } },
      decisionDate: '2026-06-02',
      reasons: ['Reason one.', 'Reason two.'],
      reviewRequestBy: '2026-09-03',
    });
    const list = letter.body.find((b) => b.type === 'list');
    assert.ok(list && list.type === 'list');
    assert.deepEqual(list.items, ['Reason one.', 'Reason two.']);
    const t = text(letter);
    assert.match(t, /by 3 September 2026/);
    assert.match(t, /contact Kent Police by phone on 101 or by email at vrr@kent\.police\.uk/);
  });

  it('should refuse a decision without reasons', () => {
    assert.throws(
      () => noFurtherActionLetter({ ...letterBase(), decisionDate: '2026-06-02', reasons: [' '] }),
      /reasons/,
    );
  });
});

describe('complaintAcknowledgementLetter', () => {
  it('should acknowledge with the received date, reference, timescale and 10 working days wording', () => {
    const letter = complaintAcknowledgementLetter({
      ...letterBase(),
      complaintReference: 'CO/2026/0042',
      receivedOn: '2026-05-28',
      responseExpectedBy: '2026-06-25',
    });
    assertCommonFrame(letter);
    assert.deepEqual(letter.references[1], { label: 'Complaint reference', value: 'CO/2026/0042' });
    const t = text(letter);
    assert.match(t, /which we received on 28 May 2026/);
    assert.match(t, /CO\/2026\/0042/);
    assert.match(t, /within 10 working days/);
    assert.match(t, /full response by 25 June 2026/);
    assert.match(t, /Parliamentary and Health Service Ombudsman/);
  });

  it('should accept a timescale in words and refuse none', () => {
    const base = { ...letterBase(), complaintReference: 'C1', receivedOn: '2026-05-28' };
    assert.match(
      text(complaintAcknowledgementLetter({ ...base, likelyTimescale: 'within 20 working days' })),
      /full response within 20 working days/,
    );
    assert.throws(() => complaintAcknowledgementLetter(base), /timescale/);
  });
});
