/** The backend contract suite, run against RestBackend and a live server, on SQLite and PostgreSQL. */
import { SignJWT } from 'jose';
import { EventSource } from 'eventsource';
import { after, before, describe, it } from 'node:test';
import type { ChimeServer } from '../index.js';
import { defineContractSuite } from '../../src/backend/contract-suite.js';
import { RestBackend } from '../../src/backend/rest.js';
import { NO_PG, PG_URL, startServer } from './helpers.js';

const SSO_SECRET = 'contract-sso-secret-0123456789abcdef';

function memory() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

for (const [name, db] of [
  ['SQLite', undefined],
  ['PostgreSQL', PG_URL],
] as const) {
  describe(`RestBackend against a live server (${name})`, () => {
    if (name === 'PostgreSQL' && !db) {
      it('runs the contract suite on PostgreSQL', (t) => {
        console.log(`# ${NO_PG}`);
        t.skip(NO_PG);
      });
      return;
    }
    let url = '';
    let server: ChimeServer;
    before(async () => {
      ({ url, server } = await startServer({ db: db ?? undefined, ssoSecret: SSO_SECRET }));
    });
    after(() => server.close());
    defineContractSuite(
      { describe, it },
      {
        create: () =>
          new RestBackend(url, { storage: memory(), EventSource: EventSource as unknown as typeof globalThis.EventSource }),
        ssoToken: (sub, name) =>
          new SignJWT({ name })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject(sub)
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode(SSO_SECRET)),
      },
    );
  });
}
