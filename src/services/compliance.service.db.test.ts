/**
 * Compliance figures against a small ledger worked out by hand (figures in the comments), on PGlite and
 * PostgreSQL. Today is 15 April 2026, so "last quarter" is 2026 Q1 (1 January to 31 March).
 *
 * Investigation 1 (team A, OIC A1, offence 10 Jan 2026): v1 born 2010-05-01 (15: under 18), v2 born
 * 1980 with enhanced status recorded on the contract.
 * Investigation 2 (team B, OIC B1, no offence date, reported 1 Feb 2026): v1 born 2008-02-01 (18 that
 * very day: not under 18), entitled to enhanced but not recorded (finding); v2 no date of birth.
 *
 *   o1  I1 v1 OB-INITIAL-CONTACT       2026-01-15  met
 *   o2  I1 v1 OB-MANDATORY-UPDATE      2026-01-20  met-late
 *   o3  I1 v2 OB-MANDATORY-UPDATE      2026-02-10  due (derived before it passed) → overdue
 *   o4  I1 v2 OB-VPS-OFFER             2026-03-05  not-required
 *   o5  I1 v2 OB-INVESTIGATIVE-UPDATE  2026-04-20  due → outside the quarter
 *   o6  I1 v1 OB-SUPPORT-REFERRAL      2025-12-31  met → outside the quarter
 *   o11 I1 v1 OB-SUPPORT-REFERRAL      2026-01-05  met by a recorded decline (not a referral)
 *   o7  I2 v1 OB-INITIAL-CONTACT       2026-02-06  met-late
 *   o8  I2 v2 OB-VICTIM-CARE-CARD      2026-02-06  met (owner IMU: no officer)
 *   o9  I2 v1 OB-MANDATORY-UPDATE      2026-03-31  overdue
 *   o10 I2 v2 OB-MANDATORY-UPDATE      2026-03-10  met
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Actor } from '../auth/access.policy.js';
import type { Finding } from '../domain/evaluation.types.js';
import { reportBreakdowns } from '../domain/report-breakdown.js';
import { shippedRulePack } from '../domain/rules/rule-pack.js';
import type { Team, User } from '../store/database.types.js';
import { createRepositories } from '../store/repositories.js';
import { makeInvestigation, makeTeam, makeUser, obligation } from '../store/testing/fixtures.js';
import { openTestDatabase, type TestDatabase } from '../store/testing/test-database.js';
import { FixedClock } from './clock.js';
import { ComplianceService, resolvePeriod, type Figures } from './compliance.service.js';
import { Forbidden, ValidationFailed } from './service-errors.js';

const Q1 = { kind: 'quarter' as const };

function counts(f: Pick<Figures, 'total' | 'met' | 'metLate' | 'overdue' | 'open' | 'notRequired'>) {
  return {
    total: f.total,
    met: f.met,
    metLate: f.metLate,
    overdue: f.overdue,
    open: f.open,
    notRequired: f.notRequired,
  };
}
const c = (total: number, met: number, metLate: number, overdue: number, notRequired = 0, open = 0) => ({
  total,
  met,
  metLate,
  overdue,
  open,
  notRequired,
});

/** A minimal CSV reader for the tests (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r') continue;
    else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('ComplianceService', () => {
  let database: TestDatabase;
  let service: ComplianceService;
  let teamA: Team;
  let teamB: Team;
  let a1: User;
  let b1: User;
  let compliance: Actor;
  let supervisorA: Actor;
  let officer: Actor;

  before(async () => {
    database = await openTestDatabase();
    const db = database.db;
    const repos = createRepositories(db);
    teamA = await makeTeam(db, 'Alpha CID');
    teamB = await makeTeam(db, 'Bravo CID');
    a1 = await makeUser(db, { teamId: teamA.id, displayName: 'Officer A1' });
    b1 = await makeUser(db, { teamId: teamB.id, displayName: 'Officer B1' });
    const lead = await makeUser(db, { role: 'compliance', displayName: 'Lead' });
    const sup = await makeUser(db, { role: 'supervisor', teamId: teamA.id, displayName: 'Sup A' });
    compliance = { id: lead.id, role: 'compliance', teamId: null, displayName: lead.displayName };
    supervisorA = { id: sup.id, role: 'supervisor', teamId: teamA.id, displayName: sup.displayName };
    officer = { id: a1.id, role: 'officer', teamId: teamA.id, displayName: a1.displayName };

    const i1 = await makeInvestigation(db, {
      teamId: teamA.id,
      officerInChargeId: a1.id,
      offenceDate: '2026-01-10',
      reportedAt: '2026-01-10T09:00:00Z',
    });
    const i1v1 = await repos.people.create({
      investigationId: i1.id,
      ref: 'v1',
      role: 'victim',
      kind: 'person',
      name: 'Young One',
      dateOfBirth: '2010-05-01',
    });
    const i1v2 = await repos.people.create({
      investigationId: i1.id,
      ref: 'v2',
      role: 'victim',
      kind: 'person',
      name: 'Adult Two',
      dateOfBirth: '1980-01-01',
    });
    await repos.people.upsertContract(i1v2.id, { enhancedRecorded: true });
    await repos.events.append({
      investigationId: i1.id,
      ref: 'e1',
      type: 'support-referral-declined',
      at: '2026-01-04T10:00:00Z',
      personId: i1v1.id,
    });
    await repos.obligations.replaceDerived(
      i1.id,
      [
        obligation({
          rule: 'OB-INITIAL-CONTACT',
          person: 'v1',
          dueDate: '2026-01-15',
          status: 'met',
          metAt: '2026-01-12T10:00:00Z',
        }),
        obligation({
          rule: 'OB-MANDATORY-UPDATE',
          person: 'v1',
          dueDate: '2026-01-20',
          status: 'met-late',
          metAt: '2026-01-22T10:00:00Z',
        }),
        obligation({ rule: 'OB-MANDATORY-UPDATE', person: 'v2', dueDate: '2026-02-10', status: 'due' }),
        obligation({ rule: 'OB-VPS-OFFER', person: 'v2', dueDate: '2026-03-05', status: 'not-required' }),
        obligation({ rule: 'OB-INVESTIGATIVE-UPDATE', person: 'v2', dueDate: '2026-04-20', status: 'due' }),
        obligation({
          rule: 'OB-SUPPORT-REFERRAL',
          person: 'v1',
          dueDate: '2025-12-31',
          status: 'met',
          metAt: '2025-12-30T10:00:00Z',
        }),
        obligation({
          rule: 'OB-SUPPORT-REFERRAL',
          person: 'v1',
          dueDate: '2026-01-05',
          status: 'met',
          metAt: '2026-01-04T10:00:00Z',
          metBy: 'e1',
        }),
      ],
      [],
      '2026-02-01T00:00:00Z',
      // The age band and enhanced each row is reported under, as derivation decides them.
      reportBreakdowns((await repos.caseHistories.load(i1.id))!, []),
    );

    const i2 = await makeInvestigation(db, {
      teamId: teamB.id,
      officerInChargeId: b1.id,
      offenceDate: null,
      reportedAt: '2026-02-01T10:00:00Z',
    });
    await repos.people.create({
      investigationId: i2.id,
      ref: 'v1',
      role: 'victim',
      kind: 'person',
      name: 'Just Eighteen',
      dateOfBirth: '2008-02-01',
    });
    await repos.people.create({
      investigationId: i2.id,
      ref: 'v2',
      role: 'victim',
      kind: 'person',
      name: 'No Birthday',
      dateOfBirth: null,
    });
    const i2Findings: Finding[] = [
      {
        code: 'F-ENHANCED-NOT-RECORDED',
        person: 'v1',
        rule: 'EL-ENHANCED',
        event: null,
        message: 'entitled, not recorded',
        source: 'SOP 3.2.5',
      },
    ];
    await repos.obligations.replaceDerived(
      i2.id,
      [
        obligation({
          rule: 'OB-INITIAL-CONTACT',
          person: 'v1',
          dueDate: '2026-02-06',
          status: 'met-late',
          metAt: '2026-02-09T10:00:00Z',
        }),
        obligation({
          rule: 'OB-VICTIM-CARE-CARD',
          person: 'v2',
          dueDate: '2026-02-06',
          status: 'met',
          owner: 'imu',
          metAt: '2026-02-02T10:00:00Z',
        }),
        obligation({ rule: 'OB-MANDATORY-UPDATE', person: 'v1', dueDate: '2026-03-31', status: 'overdue' }),
        obligation({
          rule: 'OB-MANDATORY-UPDATE',
          person: 'v2',
          dueDate: '2026-03-10',
          status: 'met',
          metAt: '2026-03-09T10:00:00Z',
        }),
      ],
      i2Findings,
      '2026-03-31T00:00:00Z',
      reportBreakdowns((await repos.caseHistories.load(i2.id))!, i2Findings),
    );
    service = new ComplianceService(db, new FixedClock(new Date('2026-04-15T09:00:00Z')), shippedRulePack(), {
      forceName: 'Kent Police',
    });
  });

  after(async () => {
    await database.close();
  });

  test('should default to the last full quarter when no quarter is chosen', () => {
    assert.deepEqual(resolvePeriod(Q1, '2026-04-15'), {
      kind: 'quarter',
      from: '2026-01-01',
      to: '2026-03-31',
      key: '2026-Q1',
      label: '2026 Q1 (1 January 2026 to 31 March 2026)',
    });
    assert.equal(resolvePeriod({ kind: 'quarter' }, '2026-02-10').key, '2025-Q4');
    assert.equal(resolvePeriod({ kind: 'month' }, '2026-01-03').key, '2025-12');
    assert.throws(
      () => resolvePeriod({ kind: 'custom', from: '2026-03-01', to: '2026-02-01' }, '2026-04-15'),
      ValidationFailed,
    );
  });

  test('should count the quarter by rule, right, team, officer and month when worked out by hand', async () => {
    const d = await service.dashboard(compliance, Q1);
    assert.deepEqual(counts(d.total), c(9, 4, 2, 2, 1));
    assert.equal(d.total.onTimePercent, 50); // 4 of the 8 assessed
    const rule = (id: string) => counts(d.rules.find((r) => r.rule === id)!);
    assert.deepEqual(rule('OB-INITIAL-CONTACT'), c(2, 1, 1, 0));
    assert.deepEqual(rule('OB-MANDATORY-UPDATE'), c(4, 1, 1, 2));
    assert.deepEqual(rule('OB-VPS-OFFER'), c(1, 0, 0, 0, 1));
    assert.deepEqual(rule('OB-VICTIM-CARE-CARD'), c(1, 1, 0, 0));
    assert.deepEqual(rule('OB-SUPPORT-REFERRAL'), c(1, 1, 0, 0));
    assert.deepEqual(rule('OB-INVESTIGATIVE-UPDATE'), c(0, 0, 0, 0));
    const right = (n: number) => d.rights.find((r) => r.number === n)!;
    assert.deepEqual(counts(right(6)), c(6, 2, 2, 2));
    assert.equal(right(6).onTimePercent, 33.3);
    assert.deepEqual(counts(right(3)), c(1, 1, 0, 0));
    assert.equal(right(7).onTimePercent, null);
    assert.deepEqual(counts(right(1)), c(0, 0, 0, 0));
    assert.deepEqual(counts(d.teams.find((t) => t.name === 'Alpha CID')!), c(5, 2, 1, 1, 1));
    assert.deepEqual(counts(d.teams.find((t) => t.name === 'Bravo CID')!), c(4, 2, 1, 1));
    assert.deepEqual(counts(d.officers.find((o) => o.id === a1.id)!), c(5, 2, 1, 1, 1));
    assert.deepEqual(counts(d.officers.find((o) => o.id === b1.id)!), c(3, 1, 1, 1));
    assert.deepEqual(counts(d.officers.find((o) => o.id === null)!), c(1, 1, 0, 0));
    assert.deepEqual(
      d.months.map((m) => [m.month, counts(m)]),
      [
        ['2026-01', c(3, 2, 1, 0)],
        ['2026-02', c(3, 1, 1, 1)],
        ['2026-03', c(3, 1, 0, 1, 1)],
      ],
    );
  });

  test('should break down by age at the offence and by enhanced status when worked out by hand', async () => {
    const d = await service.dashboard(compliance, Q1);
    const band = (k: string) => counts(d.ageBands.find((b) => b.key === k)!);
    assert.deepEqual(band('under-18'), c(3, 2, 1, 0));
    assert.deepEqual(band('18-plus'), c(4, 0, 1, 2, 1));
    assert.deepEqual(band('unknown'), c(2, 2, 0, 0));
    const under18Mandatory = d.ageBands
      .find((b) => b.key === 'under-18')!
      .byRule.find((r) => r.rule === 'OB-MANDATORY-UPDATE')!;
    assert.deepEqual(counts(under18Mandatory), c(1, 0, 1, 0));
    assert.deepEqual(counts(d.enhanced.find((b) => b.key === 'true')!), c(4, 0, 1, 2, 1));
    assert.deepEqual(counts(d.enhanced.find((b) => b.key === 'false')!), c(5, 4, 1, 0));
  });

  test('should draw each chart as SVG with a table of the same numbers', async () => {
    const d = await service.dashboard(compliance, Q1);
    assert.match(d.charts.rules.svg, /^<svg[^>]*role="img"/);
    const mandatory = d.charts.rules.table.rows.find((r) => r[0]?.text === 'OB-MANDATORY-UPDATE')!;
    assert.deepEqual(
      mandatory.slice(1, 4).map((x) => x.text.replace(/\D/g, '')),
      ['1', '1', '2'],
    );
    assert.equal(d.charts.trend.table.rows.length, 3);
    assert.match(d.charts.trend.table.rows[0]![1]!.text, /66\.7/);
  });

  test('should list the obligations behind a figure when drilling down', async () => {
    const overdue = await service.drillDown(compliance, Q1, { bucket: 'overdue' });
    assert.deepEqual(
      overdue.items.map((i) => i.dueDate),
      ['2026-02-10', '2026-03-31'],
    );
    assert.equal(overdue.total, 2);
    const late = await service.drillDown(compliance, Q1, { rule: 'OB-MANDATORY-UPDATE', bucket: 'met-late' });
    assert.deepEqual(
      late.items.map((i) => [i.personName, i.dueDate]),
      [['Young One', '2026-01-20']],
    );
    const right6Under18 = await service.drillDown(compliance, Q1, { right: 6, ageBand: 'under-18' });
    assert.equal(right6Under18.total, 2);
    const paged = await service.drillDown(compliance, Q1, { limit: 4, offset: 8 });
    assert.equal(paged.items.length, 1);
    assert.equal(paged.total, 9);
  });

  test('should count the MoJ return per victim when worked out by hand', async () => {
    const r = await service.mojReturn(compliance, Q1);
    const area = (id: string) => {
      const row = r.rows.find((x) => x.area === id)!;
      return [row.victims, row.yes];
    };
    assert.deepEqual(area('written-acknowledgement'), [1, 1]);
    assert.deepEqual(area('referral'), [1, 0]); // a recorded decline discharges the obligation but is no referral
    assert.deepEqual(area('timely-updates'), [4, 1]);
    assert.deepEqual(area('vps-offered'), [0, 0]); // not required
    assert.deepEqual(area('release-information'), [0, 0]);
  });

  test('should hold a supervisor to their own team when reading figures', async () => {
    const d = await service.dashboard(supervisorA, Q1);
    assert.equal(d.scope.teamName, 'Alpha CID');
    assert.equal(d.total.total, 5);
    await assert.rejects(service.dashboard(supervisorA, Q1, { teamId: teamB.id }), Forbidden);
    await assert.rejects(service.dashboard(supervisorA, Q1, { ownerUserId: b1.id }), Forbidden);
  });

  test('should refuse an officer and audit the refusal when they ask for compliance figures', async () => {
    await assert.rejects(service.dashboard(officer, Q1), Forbidden);
    const refused = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'refused')
      .where('userId', '=', officer.id)
      .execute();
    assert.equal(refused.length, 1);
    assert.equal(refused[0]!.recordType, 'compliance-report');
  });

  test('should export a table as CSV that reads back with the same figures', async () => {
    const file = await service.exportTables(compliance, Q1, {}, 'csv', 'rules');
    assert.equal(file.fileName, 'compliance-2026-Q1-by-rule.csv');
    const rows = parseCsv(file.body.toString('utf8'));
    assert.deepEqual(rows[0]!.slice(0, 5), ['Rule', 'What is owed', 'Right', 'Source', 'Fell due']);
    const mandatory = rows.find((r) => r[0] === 'OB-MANDATORY-UPDATE')!;
    assert.deepEqual(mandatory.slice(4, 10), ['4', '1', '1', '2', '0', '0']);
    const audit = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'export')
      .execute();
    assert.ok(audit.some((a) => (a.detail as { fileName?: string }).fileName === file.fileName));
  });

  test('should export every table as XLSX that exceljs reads back', async () => {
    const file = await service.exportTables(compliance, Q1, {}, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      [
        'By right',
        'By rule',
        'By team',
        'By officer',
        'By month',
        'Under 18s',
        'Enhanced victims',
        'MoJ quarterly return',
      ],
    );
    const months = wb.getWorksheet('By month')!;
    assert.deepEqual((months.getRow(2).values as unknown[]).slice(1), ['2026-01', 3, 2, 1, 0, 0, 0, 66.7]);
    const moj = wb.getWorksheet('MoJ quarterly return')!;
    const timely = moj.getRows(2, 5)!.find((r) => String(r.getCell(1).value).startsWith('Updated'))!;
    assert.deepEqual([timely.getCell(3).value, timely.getCell(4).value, timely.getCell(5).value], [4, 1, 3]);
  });

  test('should export the MoJ return and the dataset with the configured fields', async () => {
    const moj = await service.exportMojReturn(compliance, Q1, {}, 'csv');
    const mojRows = parseCsv(moj.body.toString('utf8'));
    assert.equal(mojRows.length, 6);
    const ds = await service.exportDataset(compliance, Q1, {}, 'csv', [
      'urn',
      'rule',
      'right',
      'bucket',
      'ageBand',
      'enhanced',
    ]);
    const rows = parseCsv(ds.body.toString('utf8'));
    assert.deepEqual(rows[0], [
      'Crime reference (URN)',
      'Rule',
      "Victims' Code right",
      'Outcome',
      'Age at the offence',
      'Enhanced rights',
    ]);
    assert.equal(rows.length, 10);
    assert.ok(
      rows.some(
        (r) =>
          r[1] === 'OB-MANDATORY-UPDATE' &&
          r[2] === '6' &&
          r[3] === 'overdue' &&
          r[4] === '18-plus' &&
          r[5] === 'Yes',
      ),
    );
    await assert.rejects(service.exportDataset(compliance, Q1, {}, 'csv', ['name']), ValidationFailed);
  });
});
