import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OffenceCategory } from '../case-history/case-history.types.js';
import { CaseBuilder, assertCarries, evaluateAt, personOf } from '../../../test/support/case-builder.js';

const AS_OF = '2026-03-20T12:00:00Z';
const reasons = (b: CaseBuilder, id = 'v1') => [...personOf(evaluateAt(b, AS_OF), id).enhancedReasons].sort();

test('should not be enhanced and carry EL-ENHANCED with its source when no criterion applies', () => {
  const p = personOf(evaluateAt(new CaseBuilder({ offences: ['theft'] }).victim(), AS_OF), 'v1');
  assert.equal(p.enhanced, false);
  assert.deepEqual(p.enhancedReasons, []);
  assertCarries(p.decisions.enhanced, 'EL-ENHANCED', 'SOP 3.2.5');
});

test('should be most-serious-crime when an offence is in the most serious categories', () => {
  const serious: OffenceCategory[] = [
    'attempted-murder',
    'kidnap',
    'false-imprisonment',
    'arson-endanger-life',
    'gbh-with-intent',
  ];
  for (const c of serious) {
    assert.deepEqual(
      reasons(new CaseBuilder({ offences: ['theft', c] }).victim()),
      ['most-serious-crime'],
      c,
    );
  }
  // Sexual, modern slavery and trafficking are most serious and make the complainant intimidated too.
  for (const c of ['sexual', 'modern-slavery', 'human-trafficking'] as const) {
    assert.deepEqual(
      reasons(new CaseBuilder({ offences: [c] }).victim()),
      ['intimidated', 'most-serious-crime'],
      c,
    );
  }
});

test('should be most-serious-crime when the investigation is flagged hate crime or terrorism', () => {
  assert.deepEqual(reasons(new CaseBuilder({ flags: { hateCrime: true } }).victim()), ['most-serious-crime']);
  assert.deepEqual(reasons(new CaseBuilder({ flags: { terrorism: true } }).victim()), ['most-serious-crime']);
});

test('should be most-serious-crime and intimidated when the offence amounts to domestic abuse', () => {
  assert.deepEqual(
    reasons(new CaseBuilder({ offences: ['violence-with-injury'], flags: { domesticAbuse: true } }).victim()),
    ['intimidated', 'most-serious-crime'],
  );
});

test('should be most-serious-crime for bereaved relatives only when the offence is homicide', () => {
  const homicide = new CaseBuilder({ offences: ['homicide'] })
    .victim('v1', { bereavedCloseRelative: true })
    .victim('v2');
  assert.deepEqual(reasons(homicide, 'v1'), ['bereaved-close-relative', 'most-serious-crime']);
  assert.deepEqual(reasons(homicide, 'v2'), []);
});

test('should be persistently-targeted when the officer recorded it on the person', () => {
  assert.deepEqual(
    reasons(
      new CaseBuilder({ offences: ['stalking-harassment'] }).victim('v1', { persistentlyTargeted: true }),
    ),
    ['persistently-targeted'],
  );
});

test('should be vulnerable when under 18 on the offence date, not on the report date', () => {
  // Born 2008-03-02: aged 17 on 2026-03-01 (offence), 18 on 2026-03-02 (report).
  const dob = { dateOfBirth: '2008-03-02' };
  assert.deepEqual(reasons(new CaseBuilder({ offenceDate: '2026-03-01' }).victim('v1', dob)), ['vulnerable']);
  assert.deepEqual(reasons(new CaseBuilder({ offenceDate: '2026-03-02' }).victim('v1', dob)), []);
});

test('should take age on the report date when the offence date is unknown', () => {
  // Born 2008-03-02; reported 2026-03-01T23:30Z = 2026-03-01 in London (GMT) → aged 17.
  assert.deepEqual(
    reasons(
      new CaseBuilder({ reportedAt: '2026-03-01T23:30:00Z' }).victim('v1', { dateOfBirth: '2008-03-02' }),
    ),
    ['vulnerable'],
  );
  // Reported 2026-03-02 → aged 18.
  assert.deepEqual(
    reasons(
      new CaseBuilder({ reportedAt: '2026-03-02T10:00:00Z' }).victim('v1', { dateOfBirth: '2008-03-02' }),
    ),
    [],
  );
});

test('should be vulnerable when the quality of evidence is likely affected by disorder, impairment or disability', () => {
  for (const v of ['mental-disorder', 'impairment', 'physical-disability'] as const) {
    assert.deepEqual(reasons(new CaseBuilder().victim('v1', { vulnerabilities: [v] })), ['vulnerable'], v);
  }
});

test('should be intimidated when fear or distress about testifying is recorded', () => {
  assert.deepEqual(reasons(new CaseBuilder().victim('v1', { fearOrDistress: true })), ['intimidated']);
});

test('should list every reason that applies when several do', () => {
  const b = new CaseBuilder({ offences: ['sexual'], offenceDate: '2026-03-01' }).victim('v1', {
    dateOfBirth: '2012-01-01',
    persistentlyTargeted: true,
  });
  assert.deepEqual(reasons(b), ['intimidated', 'most-serious-crime', 'persistently-targeted', 'vulnerable']);
});

test('should not be enhanced when the victim is a business or the person is only a witness', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['sexual'] })
      .business('b1', { namedContact: 'Pat' })
      .witness('w1', { dateOfBirth: '2015-01-01', fearOrDistress: true }),
    AS_OF,
  );
  for (const id of ['b1', 'w1']) {
    assert.equal(personOf(r, id).enhanced, false, id);
    assert.deepEqual(personOf(r, id).enhancedReasons, [], id);
  }
});
