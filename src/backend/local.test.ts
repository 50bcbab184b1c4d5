import { expect } from '@open-wc/testing';
import { defineContractSuite } from './contract-suite.js';
import { ChimeError, type ChimeLiveEvent } from './contract.js';
import { LocalBackend } from './local.js';

function memory() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

// Local backends of one "world" share storage and a BroadcastChannel, as tabs of one browser do.
const worlds = new Map<string, ReturnType<typeof memory>>();
const fakeJwt = (claims: object) => `x.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`;

defineContractSuite(
  { describe, it },
  {
    create(world, reader) {
      if (!worlds.has(world)) worlds.set(world, memory());
      return new LocalBackend({ namespace: world, reader, storage: worlds.get(world)! });
    },
    ssoToken: (sub, name) => fakeJwt({ sub, name }),
  },
);

describe('local backend specifics', () => {
  it('stops authors from editing after the edit window', async () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const backend = new LocalBackend({ storage: memory(), reader: 'a', now: () => now, crossTab: false });
    const posted = await backend.postComment({ page: '/p', body: 'Hello', author: { name: 'Ada' } });
    expect(posted.editableUntil).to.equal('2026-01-01T12:15:00.000Z');
    now += 16 * 60_000;
    const error = await backend.editComment(posted.id, 'Too late').catch((e: ChimeError) => e);
    expect(error).to.be.instanceOf(ChimeError);
    expect((error as ChimeError).code).to.equal('forbidden');
    const [listed] = (await backend.listComments({ page: '/p' })).comments;
    expect(listed!.editableUntil).to.equal(null);
  });

  it('shows pending comments to their author only', async () => {
    const storage = memory();
    const author = new LocalBackend({ storage, reader: 'a', moderation: 'all', crossTab: false });
    const other = new LocalBackend({ storage, reader: 'b', moderation: 'all', crossTab: false });
    const posted = await author.postComment({ page: '/p', body: 'Hold me', author: { name: 'Ada' } });
    expect(posted.status).to.equal('pending');
    expect((await author.listComments({ page: '/p' })).comments).to.have.length(1);
    expect((await other.listComments({ page: '/p' })).comments).to.have.length(0);
    expect((await other.getPage('/p')).comments.count).to.equal(0);
  });

  it('refuses posts and ratings on a closed page', async () => {
    const backend = new LocalBackend({ storage: memory(), reader: 'a', crossTab: false });
    backend.setClosed('/p', { comments: true, rating: true });
    const comment = await backend.postComment({ page: '/p', body: 'x', author: { name: 'A' } }).catch((e: ChimeError) => e);
    expect((comment as ChimeError).code).to.equal('closed');
    const rating = await backend.rate('/p', 3).catch((e: ChimeError) => e);
    expect((rating as ChimeError).code).to.equal('closed');
    expect((await backend.getPage('/p')).rating.closed).to.equal(true);
  });

  it('drops a honeypot submission', async () => {
    const backend = new LocalBackend({ storage: memory(), reader: 'a', crossTab: false });
    const error = await backend
      .postComment({ page: '/p', body: 'buy', author: { name: 'Bot' }, website: 'http://spam' })
      .catch((e: ChimeError) => e);
    expect((error as ChimeError).code).to.equal('forbidden');
    expect((await backend.listComments({ page: '/p' })).total).to.equal(0);
  });

  it('sends live events to other tabs through BroadcastChannel', async () => {
    const ns = `tabs-${Date.now()}`;
    const tabA = new LocalBackend({ namespace: ns, storage: memory(), reader: 'a' });
    const tabB = new LocalBackend({ namespace: ns, storage: memory(), reader: 'b' });
    const received: ChimeLiveEvent[] = [];
    const stop = tabB.watch('/p', (event) => received.push(event));
    await tabA.rate('/p', 4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    tabA.close();
    tabB.close();
    expect(received.map((e) => e.type)).to.deep.equal(['rating.updated']);
  });

  it('remembers a generated reader id across instances', async () => {
    const storage = memory();
    const first = new LocalBackend({ storage, crossTab: false });
    expect(await first.reader()).to.equal(null);
    await first.rate('/p', 5);
    const again = new LocalBackend({ storage, crossTab: false });
    expect((await again.getPage('/p')).rating.mine).to.equal(5);
  });
});
