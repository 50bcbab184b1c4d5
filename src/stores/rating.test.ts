import { expect } from '@open-wc/testing';
import { ChimeError } from '../backend/contract.js';
import { cleanup, controllableBackend, localBackend } from '../../test/harness.js';
import { pageStore } from './page.js';
import { optimisticRating, setRating } from './rating.js';

const PAGE = '/p';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A mounted page store over a controllable local backend, with its summary loaded. */
async function loaded() {
  const control = controllableBackend(localBackend());
  const store = pageStore(control.backend, PAGE);
  const stop = store.$state.listen(() => {});
  await tick();
  return { control, store, stop, rating: () => store.$state.get().summary!.rating };
}

describe('rating store', () => {
  afterEach(cleanup);

  it('computes the optimistic summary for a new, changed and removed rating', () => {
    const none = { average: 4, count: 2, mine: null };
    expect(optimisticRating(none, 1)).to.deep.equal({ average: 3, count: 3, mine: 1 });
    const mine = { average: 3, count: 2, mine: 4 };
    expect(optimisticRating(mine, 2)).to.deep.equal({ average: 2, count: 2, mine: 2 });
    expect(optimisticRating(mine, null)).to.deep.equal({ average: 2, count: 1, mine: null });
    expect(optimisticRating({ average: 5, count: 1, mine: 5 }, null)).to.deep.equal({ average: 0, count: 0, mine: null });
  });

  it('updates at once, then takes the server answer', async () => {
    const { control, store, stop, rating } = await loaded();
    control.fail('rate', 'stall');
    const done = setRating(store, 4);
    expect(rating()).to.include({ mine: 4, count: 1, average: 4 });
    control.heal();
    expect(await done).to.include({ mine: 4, count: 1, average: 4 });
    expect(rating()).to.deep.equal(await done);
    stop();
  });

  it('sends a burst one request at a time and ends with the last value', async () => {
    const { control, store, stop, rating } = await loaded();
    control.fail('rate', 'stall');
    const results = [1, 2, 3, 5].map((value) => setRating(store, value));
    expect(rating().mine).to.equal(5);
    expect(control.calls.filter((c) => c === 'rate')).to.have.length(1);
    control.heal();
    const answers = await Promise.all(results);
    expect(answers.map((a) => a.mine)).to.deep.equal([5, 5, 5, 5]);
    expect(control.calls.filter((c) => c === 'rate')).to.have.length(2); // the first, then the last
    expect(rating()).to.include({ mine: 5, count: 1, average: 5 });
    stop();
  });

  it('rolls back to what the server last confirmed and rejects with a ChimeError', async () => {
    const { control, store, stop, rating } = await loaded();
    await setRating(store, 3);
    control.fail('rate', new ChimeError('rate_limited', 'Slow down'));
    const failed = setRating(store, 5);
    expect(rating().mine).to.equal(5);
    const error = await failed.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ChimeError);
    expect((error as ChimeError).code).to.equal('rate_limited');
    expect(rating()).to.include({ mine: 3, count: 1, average: 3 });
    stop();
  });

  it('marks rating closed when the backend says so', async () => {
    const { control, store, stop, rating } = await loaded();
    control.fail('rate', new ChimeError('closed', 'Closed'));
    await setRating(store, 2).catch(() => {});
    expect(rating()).to.include({ mine: null, count: 0, closed: true });
    stop();
  });
});
