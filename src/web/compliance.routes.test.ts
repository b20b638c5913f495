/**
 * Compliance pages through the real server: the dashboard, the drill-down to a late update, the
 * downloads (read back), and refusals for roles without access.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { actorOf } from '../services/auth.service.js';
import { openApiHarness, type ApiHarness } from '../http/api/testing/api-harness.js';
import { recordLateUpdateCase } from './testing/compliance-case.fixture.js';

describe('compliance pages', () => {
  let h: ApiHarness;

  before(async () => {
    h = await openApiHarness({ now: '2026-04-15T09:00:00.000Z' });
    await recordLateUpdateCase(h.services, actorOf(h.accounts.officer.user), '46/7001/26');
  });
  after(async () => {
    await h.close();
  });

  test('should show last quarter with a chart and the same figures in a table when a compliance lead opens the dashboard', async () => {
    const res = await h.as('compliance', { method: 'GET', url: '/compliance' });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /2026 Q1 \(1 January 2026 to 31 March 2026\)/);
    assert.match(res.body, /<svg[^>]*role="img"/);
    const rules = /data-qa="rules-table"[\s\S]*?<\/table>/.exec(res.body)![0];
    const mandatory = /OB-MANDATORY-UPDATE[\s\S]*?<\/tr>/.exec(rules)![0];
    assert.match(
      mandatory,
      /bucket=met-late[^"]*">1<span class="govuk-visually-hidden"> met late, OB-MANDATORY-UPDATE/,
    );
  });

  test('should list the late update behind the figure when drilling down', async () => {
    const res = await h.as('compliance', {
      method: 'GET',
      url: '/compliance/obligations?period=quarter&rule=OB-MANDATORY-UPDATE&bucket=met-late',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /1 obligation\./);
    assert.match(res.body, /href="\/investigations\/[0-9a-f-]{36}">46\/7001\/26<\/a>/);
    assert.match(res.body, /Met late/);
  });

  test('should download the MoJ return as CSV and every table as XLSX when asked', async () => {
    const csv = await h.as('compliance', {
      method: 'GET',
      url: '/compliance/moj-return.csv?period=quarter&quarter=2026-Q1',
    });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /moj-return-2026-Q1\.csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length, 6);
    assert.match(
      lines.find((l) => l.startsWith('"Updated'))!,
      /,1,0,1,0,/,
    ); // one victim, updated late: no
    const xlsx = await h.as('compliance', {
      method: 'GET',
      url: '/compliance/export/all.xlsx?period=quarter',
    });
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const byRule = wb.getWorksheet('By rule')!;
    const row = byRule
      .getRows(2, byRule.rowCount - 1)!
      .find((r) => r.getCell(1).value === 'OB-MANDATORY-UPDATE')!;
    assert.equal(row.getCell(7).value, 1); // met late
  });

  test('should refuse an officer and show a supervisor only their team when opening the dashboard', async () => {
    const officer = await h.as('officer', { method: 'GET', url: '/compliance' });
    assert.equal(officer.statusCode, 403);
    const sup = await h.as('supervisor', { method: 'GET', url: '/compliance' });
    assert.equal(sup.statusCode, 200);
    assert.match(sup.body, /Maidstone CID/);
    assert.doesNotMatch(sup.body, /data-qa="teams-table"/);
  });

  test('should say what is wrong when a custom period is back to front', async () => {
    const res = await h.as('compliance', {
      method: 'GET',
      url: '/compliance?period=custom&from=2026-03-01&to=2026-01-01',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#to"/);
  });
});
