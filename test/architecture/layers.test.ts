/**
 * The layering in docs/architecture.md, checked on every run: the domain imports only the domain, SQL
 * lives only in the store, routes and pages do not reach past the services into the store.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..', '..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [p] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1]!);
}

/** Where a relative import lands, as a path under src/ (e.g. `store/database.js`). */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return relative(src, resolve(dirname(file), spec));
}

const layer = (file: string) => relative(src, file).split('/')[0]!;

test('should keep the domain pure: it imports only the domain and no package or node module', () => {
  const offences: string[] = [];
  for (const file of files(join(src, 'domain'))) {
    for (const spec of importsOf(file)) {
      const t = target(file, spec);
      if (t === null || !t.startsWith('domain/')) offences.push(`${relative(root, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(offences, []);
});

test('should keep SQL in the store: no other layer imports kysely, pg or PGlite at run time', () => {
  const offences: string[] = [];
  for (const file of files(src)) {
    if (layer(file) === 'store') continue;
    const text = readFileSync(file, 'utf8');
    for (const spec of importsOf(file)) {
      if (/^(kysely|pg|@electric-sql\/pglite)$/.test(spec)) {
        const typeOnly = new RegExp(`import\\s+type\\s[^;]*from\\s+'${spec.replace('/', '\\/')}'`).test(text);
        if (!typeOnly) offences.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    if (/\.(selectFrom|insertInto|updateTable|deleteFrom)\(/.test(text)) {
      offences.push(`${relative(root, file)} builds SQL`);
    }
  }
  assert.deepEqual(offences, []);
});

/** The names an import statement brings in, without `type` ones. */
function valueNames(text: string, spec: string): string[] {
  const statement = new RegExp(
    `import\\s+(type\\s+)?\\{([^}]*)\\}\\s*from\\s+'${spec.replace(/[./]/g, '\\$&')}'`,
  ).exec(text);
  if (!statement) return ['(default or namespace import)'];
  if (statement[1]) return [];
  return statement[2]!
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '' && !n.startsWith('type '));
}

test('should keep routes and pages thin: http and web take from the store only types and vocabulary constants', () => {
  const offences: string[] = [];
  for (const file of [...files(join(src, 'http')), ...files(join(src, 'web'))]) {
    if (relative(src, file).split('/').includes('testing')) continue; // test harnesses set up data directly
    const text = readFileSync(file, 'utf8');
    for (const spec of importsOf(file)) {
      const t = target(file, spec);
      if (!t?.startsWith('store/')) continue;
      const values = valueNames(text, spec).filter((n) => !/^[A-Z][A-Z0-9_]*$/.test(n));
      if (values.length > 0) {
        offences.push(`${relative(root, file)} imports ${values.join(', ')} from ${spec}`);
      }
    }
  }
  assert.deepEqual(offences, []);
});
