/** botbuilder's Storage on the bot's store (table dialog_state): the same behaviour on SQLite and PostgreSQL. */
import { storeStorage } from '../../src/bot/dialogs/store-storage';
import { createDialogStateStore } from '../../src/store/dialog-states';
import type { Store } from '../../src/store/db';
import { BACKENDS } from '../helpers/stores';

describe.each(BACKENDS)('dialog state on %s', (_kind, open) => {
  let store: Store;
  let now = 1_000_000;
  beforeEach(async () => {
    store = await open();
    now = 1_000_000;
  });
  afterEach(async () => {
    await store.close();
  });

  const storage = () => storeStorage(createDialogStateStore(store.db), () => now);

  it('when state is written, then it reads back with an eTag, and only the keys asked for', async () => {
    await storage().write({ 'msteams/conversations/a/users/29:x': { dialogState: { dialogStack: [{ id: 'flow:sync' }] } }, other: { n: 1 } });
    const read = await storage().read(['msteams/conversations/a/users/29:x', 'missing']);
    expect(Object.keys(read)).toEqual(['msteams/conversations/a/users/29:x']);
    expect(read['msteams/conversations/a/users/29:x']).toMatchObject({ dialogState: { dialogStack: [{ id: 'flow:sync' }] }, eTag: expect.any(String) });
  });

  it('when two turns write the same key from the same read, then the second is refused and the first one stays', async () => {
    await storage().write({ k: { step: 0 } });
    const first = await storage().read(['k']);
    const second = await storage().read(['k']);
    await storage().write({ k: { ...first.k, step: 1 } });
    await expect(storage().write({ k: { ...second.k, step: 2 } })).rejects.toThrow(/changed by another turn/);
    expect((await storage().read(['k'])).k).toMatchObject({ step: 1 });
  });

  it('when a turn writes twice, then its second write carries the eTag of its first and is accepted', async () => {
    await storage().write({ k: { step: 0 } });
    const item = (await storage().read(['k'])).k ?? {};
    const changes = { k: { ...item, step: 1 } };
    await storage().write(changes);
    await storage().write({ k: { ...changes.k, step: 2 } });
    expect((await storage().read(['k'])).k).toMatchObject({ step: 2 });
  });

  it('when a key is deleted, or left unwritten for a day, then it is gone', async () => {
    const s = storage();
    await s.write({ old: { n: 1 }, gone: { n: 2 } });
    await s.delete(['gone']);
    expect(Object.keys(await s.read(['old', 'gone']))).toEqual(['old']);
    now += 25 * 60 * 60_000;
    const later = storage();
    await later.write({ fresh: { n: 3 } });
    expect(Object.keys(await later.read(['old', 'fresh']))).toEqual(['fresh']);
  });
});
