/**
 * The compliance report's breakdowns (under18, enhanced) are written on every obligation by both write
 * paths of the ledger: re-derivation (`replaceDerived`) and the bulk import (`insertMany`).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CaseBuilder, evaluateAt, importedCase } from '../../test/support/case-builder.js';
import { reportBreakdowns } from '../domain/report-breakdown.js';
import { createRepositories } from './repositories.js';
import { openTestDatabase, type TestDatabase } from './testing/test-database.js';

const AS_OF = '2026-04-01T12:00:00Z';
let database: TestDatabase;

before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
});

function history(urn: string) {
  return new CaseBuilder({ urn, offenceDate: '2026-03-01', reportedAt: '2026-03-02T10:15:00Z' })
    .victim('v1', { dateOfBirth: '2010-06-01' })
    .victim('v2', { dateOfBirth: '1980-01-01', contract: { enhancedRecorded: true } })
    .victim('v3', { dateOfBirth: null })
    .build();
}

async function breakdownsOf(investigationId: string) {
  const rows = await database.db
    .selectFrom('obligations as o')
    .leftJoin('people as p', 'p.id', 'o.personId')
    .select(['p.ref', 'o.under18', 'o.enhanced'])
    .distinct()
    .where('o.investigationId', '=', investigationId)
    .orderBy('p.ref')
    .execute();
  return rows.map((r) => [r.ref, r.under18, r.enhanced]);
}

// v1 is 15 at the offence (vulnerable: entitled to enhanced, not recorded, so the finding counts her);
// v2 is recorded as enhanced; v3 has no date of birth and is not enhanced.
const EXPECTED = [
  ['v1', true, true],
  ['v2', false, true],
  ['v3', null, false],
];

test('should write the age band and enhanced on each obligation when a case is imported in bulk', async () => {
  const h = history('BRK/1');
  const counts = await database.db
    .transaction()
    .execute((trx) =>
      createRepositories(trx).caseHistories.insertMany([importedCase(h, AS_OF)], { derivedAt: AS_OF }),
    );
  assert.ok(counts.obligations > 0);
  assert.deepEqual(await breakdownsOf(counts.ids[0]!), EXPECTED);
});

test('should write the age band and enhanced on each obligation when a case is re-derived', async () => {
  const h = history('BRK/2');
  const evaluation = evaluateAt(h, AS_OF);
  const investigationId = await database.db.transaction().execute(async (trx) => {
    const repos = createRepositories(trx);
    const inv = await repos.caseHistories.importCaseHistory(h);
    await repos.obligations.replaceDerived(
      inv.id,
      evaluation.obligations,
      evaluation.findings,
      AS_OF,
      reportBreakdowns(h, evaluation.findings),
    );
    return inv.id;
  });
  assert.deepEqual(await breakdownsOf(investigationId), EXPECTED);
});
