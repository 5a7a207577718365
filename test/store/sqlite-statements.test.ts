/**
 * SQLite keeps its prepared statements by SQL text (src/store/db.ts): a statement run again must
 * read what is stored now and take new values, also after a run of it failed.
 */
import { openSqliteStore, type Store } from '../../src/store/db';

describe('SQLite prepared statements kept by SQL text', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openSqliteStore(':memory:');
    for (const [i, name] of ['Ada', 'Grace', 'Linus'].entries()) {
      await store.db.insertInto('notification_subscriptions').values({ conversation_key: `c-${i}`, subscribed_by_id: null, subscribed_by_name: name, created_at: i }).execute();
    }
  });
  afterAll(() => store.close());

  const names = () => store.db.selectFrom('notification_subscriptions').select('subscribed_by_name').orderBy('created_at');

  it('when a write fails (a duplicate key), then the same statement still takes the next write', async () => {
    const subscribe = (key: string, name: string) => store.db.insertInto('notification_subscriptions').values({ conversation_key: key, subscribed_by_id: null, subscribed_by_name: name, created_at: 9 }).execute();
    await subscribe('c-8', 'Katherine');
    const duplicate = await subscribe('c-8', 'Again').then(() => null, (error: unknown) => error);
    expect(String(duplicate)).toMatch(/UNIQUE constraint failed/);
    await subscribe('c-9', 'Margaret');
    expect((await names().execute()).map((r) => r.subscribed_by_name)).toEqual(['Ada', 'Grace', 'Linus', 'Katherine', 'Margaret']);
    await store.db.deleteFrom('notification_subscriptions').where('conversation_key', 'in', ['c-8', 'c-9']).execute();
  });

  it('when rows change between two runs of the same query, then the second run reads the change', async () => {
    expect((await names().execute()).map((r) => r.subscribed_by_name)).toEqual(['Ada', 'Grace', 'Linus']);
    await store.db.updateTable('notification_subscriptions').set({ subscribed_by_name: 'Barbara' }).where('conversation_key', '=', 'c-1').execute();
    expect((await names().execute()).map((r) => r.subscribed_by_name)).toEqual(['Ada', 'Barbara', 'Linus']);
  });
});
