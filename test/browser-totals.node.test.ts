/** The browser run's totals (web-test-runner.config.mjs): what scripts/test.mjs's closing line and exit status rest on. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
// @ts-expect-error: a plain ES module without types
import { totalsReporter } from '../web-test-runner.config.mjs';

const dir = mkdtempSync(join(tmpdir(), 'chime-totals-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A session as web-test-runner reports it: one passing test, the given browser logs. */
const session = (testFile: string, logs: unknown[][] = []) => ({
  testFile,
  passed: true,
  logs,
  testResults: { tests: [{ name: 'works', passed: true, skipped: false }], suites: [] },
});

function totals(sessions: unknown[]): { passed: number; failed: number; skipped: number } {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  const log = console.log;
  console.log = () => {}; // the reporter names the failing file; not wanted in this run's output
  try {
    totalsReporter(file).onTestRunFinished({ sessions });
  } finally {
    console.log = log;
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('browser totals', () => {
  it('count passed tests, and fail a file whose page logged lit’s change-in-update warning', () => {
    const warning =
      'Element chime-x scheduled an update (generally because a property was set) after an update completed, causing a new update to be scheduled. See https://lit.dev/msg/change-in-update for more information.';
    assert.deepEqual(totals([session('a.test.ts'), session('b.test.ts', [['Lit is in dev mode.']])]), {
      passed: 2,
      failed: 0,
      skipped: 0,
    });
    assert.deepEqual(totals([session('a.test.ts'), session('b.test.ts', [[warning]])]), { passed: 2, failed: 1, skipped: 0 });
  });

  it('count a file that failed to load as a failure', () => {
    assert.deepEqual(totals([{ testFile: 'broken.test.ts', passed: false, logs: [], testResults: { tests: [], suites: [] } }]), {
      passed: 0,
      failed: 1,
      skipped: 0,
    });
  });
});
