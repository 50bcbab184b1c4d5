// Each element ships only its own English (src/i18n/en/<part>.ts, the console's in
// src/moderation/i18n/en.ts) besides the shared part: every message key an element's code names
// must be in one of those, or a page with that element alone would show the key instead of the text.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import en from '../src/i18n/en.js';
import common from '../src/i18n/en/common.js';
import comments from '../src/i18n/en/comments.js';
import count from '../src/i18n/en/count.js';
import feedback from '../src/i18n/en/feedback.js';
import rating from '../src/i18n/en/rating.js';
import share from '../src/i18n/en/share.js';
import moderation from '../src/moderation/i18n/en.js';

const OWN: Record<string, object> = { share, rating, comments, count, feedback, footer: {}, moderation, internal: {} };
const ALL = { ...en, ...moderation };

for (const [dir, own] of Object.entries(OWN)) {
  test(`src/${dir} names only shared or its own English keys`, () => {
    const known = new Set([...Object.keys(common), ...Object.keys(own)]);
    const files = readdirSync(join('src', dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const file of files) {
      const code = readFileSync(join('src', dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
      for (const [, key] of code.matchAll(/['`]([a-z]+\.[\w.]+)['`]/g)) {
        if (key! in ALL) assert.ok(known.has(key!), `src/${dir}/${file} uses '${key}', which its English does not carry`);
      }
    }
  });
}
