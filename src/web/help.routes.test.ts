// The help page reads the rule pack in force: every rule with its source, and deadlines in words taken
// from the pack's numbers (so a force's local policy shows as it is configured).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openApiHarness, type ApiHarness } from '../http/api/testing/api-harness.js';
import { deadlineWords } from './help.routes.js';

describe('help page', () => {
  let h: ApiHarness;
  before(async () => {
    h = await openApiHarness({ now: '2026-03-10T12:00:00.000Z' });
  });
  after(async () => h?.close());

  it('should list every rule of the pack in force with its source when anyone opens it', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/help' });
    assert.equal(res.statusCode, 200);
    for (const [id, rule] of Object.entries(h.services.rules.pack.rules)) {
      assert.ok(res.body.includes(`id="${id}"`), `${id} listed`);
      assert.ok(res.body.includes(rule.source.replace(/'/g, '&#39;')), `${id} source shown`);
    }
    assert.match(res.body, /5 working days \(1 if enhanced\)/);
    assert.match(res.body, /at most every 28 days/);
  });

  it('should word deadlines from the numbers when a policy changes them', () => {
    assert.equal(
      deadlineWords({ dueWorkingDays: 5, dueWorkingDaysEnhanced: 1 }),
      '5 working days (1 if enhanced)',
    );
    assert.equal(deadlineWords({ dueWorkingDays: 1 }), '1 working day');
    assert.equal(deadlineWords({ dueCalendarDays: 3 }), '3 days');
    assert.equal(deadlineWords({ maxFrequencyDays: 14 }), 'as agreed, at most every 14 days');
    assert.equal(deadlineWords({}), '—');
  });
});
