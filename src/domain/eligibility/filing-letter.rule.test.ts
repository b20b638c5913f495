import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PersonFacts } from '../case-history/case-history.types.js';
import {
  CaseBuilder,
  assertCarries,
  evaluateAt,
  findingsOf,
  personOf,
  type InvestigationOptions,
} from '../../../test/support/case-builder.js';

const AS_OF = '2026-04-20T12:00:00Z';
function withLetter(
  inv: InvestigationOptions,
  person: Partial<PersonFacts> = {},
  justificationApproved?: boolean,
) {
  return evaluateAt(
    new CaseBuilder({ offenceDate: '2026-03-01', ...inv })
      .victim('v1', person)
      .event('f1', '2026-04-10T10:00:00Z', 'investigation-filed')
      .personal(
        'l1',
        '2026-04-10T11:00:00Z',
        'filing-letter-sent',
        justificationApproved === undefined ? {} : { justificationApproved },
      ),
    AS_OF,
  );
}

test('should permit a filing letter and raise no finding when the victim is adult, not vulnerable or intimidated, and the offence not sexual', () => {
  const r = withLetter({ offences: ['burglary'] });
  assert.equal(personOf(r, 'v1').filingLetterPermitted, true);
  assertCarries(personOf(r, 'v1').decisions.filingLetterPermitted, 'EL-FILING-LETTER', 'SOP 3.2.10.1');
  assert.deepEqual(findingsOf(r, 'F-FILING-LETTER-NOT-PERMITTED'), []);
});

test('should not permit a letter and raise F-FILING-LETTER-NOT-PERMITTED when the offence is sexual', () => {
  const r = withLetter({ offences: ['sexual'] });
  assert.equal(personOf(r, 'v1').filingLetterPermitted, false);
  const [f, ...rest] = findingsOf(r, 'F-FILING-LETTER-NOT-PERMITTED', 'v1');
  assert.equal(rest.length, 0);
  assertCarries(f!, 'F-FILING-LETTER-NOT-PERMITTED', 'SOP 3.2.10.1');
  assert.equal(f!.rule, 'EL-FILING-LETTER');
  assert.equal(f!.event, 'l1');
});

test('should not permit a letter when the victim is vulnerable (under 18 at the offence or impaired) or intimidated', () => {
  for (const person of [
    { dateOfBirth: '2009-01-01' },
    { vulnerabilities: ['impairment' as const] },
    { fearOrDistress: true },
  ]) {
    const r = withLetter({ offences: ['theft'] }, person);
    assert.equal(personOf(r, 'v1').filingLetterPermitted, false, JSON.stringify(person));
    assert.equal(findingsOf(r, 'F-FILING-LETTER-NOT-PERMITTED', 'v1').length, 1);
  }
  // Domestic abuse complainants are intimidated automatically.
  assert.equal(
    personOf(withLetter({ offences: ['violence-with-injury'], flags: { domesticAbuse: true } }), 'v1')
      .filingLetterPermitted,
    false,
  );
});

test('should raise no finding but keep the basic permission false when a supervisor approved a justification', () => {
  const r = withLetter({ offences: ['sexual'] }, {}, true);
  assert.equal(personOf(r, 'v1').filingLetterPermitted, false);
  assert.deepEqual(findingsOf(r, 'F-FILING-LETTER-NOT-PERMITTED'), []);
});

test('should count a supervisor-approved letter justification only for that person and only when approved', async () => {
  const { letterJustificationApproved } = await import('./filing-letter.rule.js');
  const signOff = (person: string, approved: boolean) =>
    ({
      id: 's1',
      at: '2026-03-10T10:00:00Z',
      type: 'filing-signed-off',
      person,
      letterJustificationApproved: approved,
    }) as const;
  assert.equal(letterJustificationApproved([signOff('v1', true)], 'v1'), true);
  assert.equal(letterJustificationApproved([signOff('v1', true)], 'v2'), false);
  assert.equal(letterJustificationApproved([signOff('v1', false)], 'v1'), false);
  assert.equal(letterJustificationApproved([], 'v1'), false);
});
