import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, personOf } from '../../../test/support/case-builder.js';

test('should offer the right kind of statement when the person is a victim, a business, a public body or a witness', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['criminal-damage'] })
      .victim('v1')
      .business('b1', { namedContact: 'Pat' })
      .business('b2', { namedContact: 'Sam', publicSector: true })
      .witness('w1'),
    '2026-03-20T12:00:00Z',
  );
  assert.equal(personOf(r, 'v1').statementKind, 'vps');
  assertCarries(personOf(r, 'v1').decisions.statementKind, 'EL-VPS', 'Code Right 7');
  assert.equal(personOf(r, 'b1').statementKind, 'impact-statement-for-business');
  assert.equal(personOf(r, 'b2').statementKind, null);
  assert.equal(personOf(r, 'w1').statementKind, null);
});
