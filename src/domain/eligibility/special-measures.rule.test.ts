import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, personOf } from '../../../test/support/case-builder.js';

const ALL = ['s23', 's24', 's25', 's26', 's27', 's28', 's29', 's30'];
const measures = (b: CaseBuilder, asOf = '2026-03-20T12:00:00Z', id = 'v1') =>
  [...personOf(evaluateAt(b, asOf), id).specialMeasures].sort();

test('should list none and carry EL-SPECIAL-MEASURES with its source when neither vulnerable nor intimidated', () => {
  const p = personOf(
    evaluateAt(new CaseBuilder({ offences: ['theft'] }).victim(), '2026-03-20T12:00:00Z'),
    'v1',
  );
  assert.deepEqual(p.specialMeasures, []);
  assertCarries(p.decisions.specialMeasures, 'EL-SPECIAL-MEASURES', 'YJCEA');
});

test('should list s.23-s.30 when the witness is under 18 on the first hearing date of the charge', () => {
  // Born 2008-06-01: 17 on 2026-05-31, 18 on 2026-06-01.
  const b = (hearing: string) =>
    new CaseBuilder({ offenceDate: '2026-03-01' })
      .victim('v1', { dateOfBirth: '2008-06-01' })
      .event('ch1', '2026-03-10T10:00:00Z', 'suspect-charged', { firstHearingDate: hearing });
  assert.deepEqual(measures(b('2026-05-31')), ALL);
  // 18 at the hearing: no longer s.16 vulnerable (though vulnerable at the offence for EL-ENHANCED).
  assert.deepEqual(measures(b('2026-06-01')), []);
  assert.ok(
    personOf(evaluateAt(b('2026-06-01'), '2026-03-20T12:00:00Z'), 'v1').enhancedReasons.includes(
      'vulnerable',
    ),
  );
});

test('should take age on asOf when no charge has a hearing date', () => {
  const b = new CaseBuilder({ reportedAt: '2026-01-05T10:00:00Z' }).victim('v1', {
    dateOfBirth: '2008-06-01',
  });
  assert.deepEqual(measures(b, '2026-05-31T12:00:00Z'), ALL);
  assert.deepEqual(measures(b, '2026-06-01T12:00:00Z'), []);
});

test('should use the first hearing date of the latest charge that has one when there are several charges', () => {
  // ch1 hearing 2026-05-01 (17), ch2 none, ch3 hearing 2026-07-01 (18) → age at 2026-07-01 → none.
  const b = new CaseBuilder({ reportedAt: '2026-01-05T10:00:00Z' })
    .victim('v1', { dateOfBirth: '2008-06-01' })
    .event('ch1', '2026-02-01T10:00:00Z', 'suspect-charged', { firstHearingDate: '2026-05-01' })
    .event('ch3', '2026-02-10T10:00:00Z', 'suspect-charged', { firstHearingDate: '2026-07-01' })
    .event('ch2', '2026-02-20T10:00:00Z', 'suspect-charged');
  assert.deepEqual(measures(b, '2026-03-01T12:00:00Z'), []);
});

test('should list s.23-s.30 when the witness has a mental disorder, impairment or physical disability', () => {
  assert.deepEqual(
    measures(new CaseBuilder().witness('w1', { vulnerabilities: ['impairment'] }), undefined, 'w1'),
    ALL,
  );
});

test('should list s.23, s.24, s.26 and s.27 when intimidated by fear in a non-sexual, non-DA offence', () => {
  assert.deepEqual(
    measures(new CaseBuilder({ offences: ['robbery'] }).victim('v1', { fearOrDistress: true })),
    ['s23', 's24', 's26', 's27'],
  );
});

test('should add s.25 and s.28 when the complainant of a sexual offence is intimidated automatically', () => {
  assert.deepEqual(measures(new CaseBuilder({ offences: ['sexual'] }).victim()), [
    's23',
    's24',
    's25',
    's26',
    's27',
    's28',
  ]);
});

test('should add s.25 and s.28 for complainants of modern slavery and of human trafficking', () => {
  for (const c of ['modern-slavery', 'human-trafficking'] as const) {
    assert.deepEqual(
      measures(new CaseBuilder({ offences: [c] }).victim()),
      ['s23', 's24', 's25', 's26', 's27', 's28'],
      c,
    );
  }
});

test('should add s.25 but not s.28 when the complainant is of an offence amounting to domestic abuse', () => {
  assert.deepEqual(
    measures(
      new CaseBuilder({ offences: ['violence-with-injury'], flags: { domesticAbuse: true } }).victim(),
    ),
    ['s23', 's24', 's25', 's26', 's27'],
  );
});

test('should not give s.28 to a witness in fear when they are not the complainant of the sexual offence', () => {
  const b = new CaseBuilder({ offences: ['sexual'] })
    .victim()
    .witness('w1', { fearOrDistress: true })
    .witness('w2');
  assert.deepEqual(measures(b, undefined, 'w1'), ['s23', 's24', 's25', 's26', 's27']);
  assert.deepEqual(measures(b, undefined, 'w2'), []);
});

test('should make any witness intimidated when the offence is a knife or firearm offence', () => {
  const b = new CaseBuilder({ offences: ['weapons'] }).victim().witness('w1');
  assert.deepEqual(measures(b, undefined, 'w1'), ['s23', 's24', 's26', 's27']);
  assert.deepEqual(measures(b, undefined, 'v1'), ['s23', 's24', 's26', 's27']);
});

test('should list none when the victim is a business', () => {
  const b = new CaseBuilder({ offences: ['weapons', 'sexual'] }).business('b1', {
    namedContact: 'Pat',
    fearOrDistress: true,
  });
  assert.deepEqual(measures(b, undefined, 'b1'), []);
});
