// Browser tests: real headless Chromium (never a downloaded browser), TypeScript via esbuild.
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CHROME_ARGS, findChrome } from './scripts/find-chrome.mjs';

/**
 * Browser logs that fail a test file: lit's dev-mode warning that an element scheduled an update
 * after an update completed (state set in `updated()`), a render wasted on every such change.
 */
const FAILING_LOGS = [/lit\.dev\/msg\/change-in-update/];

/** Writes pass/fail/skip totals for scripts/test.mjs's closing line. */
export function totalsReporter(file = '.test-results/browser.json') {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const logs = (session.logs ?? []).flat().map(String);
        for (const pattern of FAILING_LOGS) {
          const hit = logs.find((line) => pattern.test(line));
          if (!hit) continue;
          totals.failed++;
          console.log(`\n❌ ${session.testFile}: a browser log fails the run:\n   ${hit}`);
        }
      }
      const visit = (suite) => {
        for (const test of suite?.tests ?? []) {
          if (test.skipped) totals.skipped++;
          else if (test.passed) totals.passed++;
          else totals.failed++;
        }
        for (const child of suite?.suites ?? []) visit(child);
      };
      for (const session of sessions) {
        visit(session.testResults);
        // A file that failed to load has no results but must count as a failure.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) totals.failed++;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}

export default {
  files: ['src/**/*.test.ts', 'test/**/*.test.ts', '!**/*.node.test.ts', '!test/e2e/**'],
  nodeResolve: true,
  concurrency: 2,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: findChrome(),
        headless: true,
        args: CHROME_ARGS,
      },
    }),
  ],
  // nanostores reads process.env.NODE_ENV.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><script>window.process = { env: { NODE_ENV: 'development' } };</script></head>
<body><script type="module" src="${testFramework}"></script></body></html>`,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), totalsReporter()],
};
