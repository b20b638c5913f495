// The audit chain when more than one writer appends: this process's remembered chain head goes stale
// whenever another writer (an audited write's transaction, or another app instance) appends, and the
// next group must be relinked, never forked. On PGlite and PostgreSQL; two instances on PostgreSQL only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AuditRepository, type NewAuditEntry } from './audit.repository.js';
import { openDatabase } from './database.js';
import { openTestDatabase, type TestDatabase } from './testing/test-database.js';

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase();
});
after(async () => {
  await t.close();
});

const entry = (recordId: string): NewAuditEntry => ({
  userId: null,
  action: 'read',
  recordType: 'worklist',
  recordId,
});

const chain = async () => {
  const rows = await t.db.selectFrom('auditLog').select(['id', 'recordId']).orderBy('id').execute();
  return { ids: rows.map((r) => r.id), records: rows.map((r) => r.recordId) };
};

test('should relink a group after another writer appended, so the chain never forks', async () => {
  const audit = new AuditRepository(t.db);
  await audit.append(entry('a'));
  // An audited write appends in its own transaction: the group writer's remembered head is now stale.
  await t.db.transaction().execute((trx) => new AuditRepository(trx).append(entry('b')));
  const [c, d] = await Promise.all([audit.append(entry('c')), audit.append(entry('d'))]);
  await t.db.transaction().execute((trx) => new AuditRepository(trx).append(entry('e')));
  await audit.append(entry('f'));

  const { ids, records } = await chain();
  assert.deepEqual(records.slice(-6), ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.deepEqual(
    ids.slice(-6),
    Array.from({ length: 6 }, (_, i) => ids.at(-6)! + i),
    'consecutive ids',
  );
  assert.equal(d.prevHash, c.hash);
  assert.deepEqual(await audit.verifyChain(), { ok: true, checked: ids.length });
});

test('should form one chain when two app instances and audited writes append at the same time', async (ctx) => {
  if (!t.url) return ctx.skip('two app instances need PostgreSQL');
  const other = await openDatabase({ databaseUrl: t.url, migrate: false, poolSize: 4 });
  try {
    const before = (await chain()).ids.length;
    const instances = [new AuditRepository(t.db), new AuditRepository(other.db)];
    const written = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 10 === 9
          ? t.db.transaction().execute((trx) => new AuditRepository(trx).append(entry(`w${i}`)))
          : instances[i % 2]!.append(entry(`r${i}`)),
      ),
    );
    assert.equal(written.length, 60);
    const { ids, records } = await chain();
    assert.equal(ids.length, before + 60);
    assert.equal(new Set(records).size, records.length, 'each entry once');
    const fresh = ids.slice(before);
    assert.deepEqual(
      fresh,
      fresh.map((_, i) => fresh[0]! + i),
      'consecutive ids',
    );
    assert.deepEqual(await instances[1]!.verifyChain(), { ok: true, checked: ids.length });
  } finally {
    await other.close();
  }
});
