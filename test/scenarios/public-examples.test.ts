/**
 * The public case-history examples (copied from the shared scenarios) run through the installed
 * `victim-care` bin, exactly as a user runs them, and compared with their expected-result files.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { compareWithExpected } from '../support/expected-result.js';

const run = promisify(execFile);
const dir = join(import.meta.dirname, '..', 'fixtures', 'case-histories');
const bin = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'victim-care');

for (const name of readdirSync(dir).filter((f) => f.endsWith('.expected.json'))) {
  const caseFile = join(dir, name.replace('.expected.json', '.json'));
  const expected = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
  test(`public example ${name.replace('.expected.json', '')} passes through the installed bin`, async () => {
    const result = await run(bin, ['evaluate', caseFile]).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );
    const wantExit = (expected.exitCode as number | undefined) ?? 0;
    assert.equal(result.code, wantExit, `exit status (stderr: ${result.stderr})`);
    for (const s of (expected.stderrIncludes as string[] | undefined) ?? []) {
      assert.ok(result.stderr.includes(s), `stderr should include ${JSON.stringify(s)}: ${result.stderr}`);
    }
    if (wantExit !== 0) {
      assert.equal(result.stdout, '', 'no partial output on bad input');
      assert.ok(!/\n\s+at /.test(result.stderr), 'no stack trace');
      return;
    }
    assert.deepEqual(compareWithExpected(JSON.parse(result.stdout) as Record<string, unknown>, expected), []);
  });
}
