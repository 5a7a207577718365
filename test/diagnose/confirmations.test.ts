import { cancelConfirmation, issueConfirmation, redeemConfirmation } from '../../src/app/confirmations';
import { AppError } from '../../src/errors';
import { memoryStore } from '../helpers/stores';

async function openDb() {
  return (await memoryStore()).db;
}

async function codeOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

const base = { kind: 'diagnose.add-to-group', userId: 'admin-1', ttlMs: 60_000, now: 1_000_000 };

describe('confirmations', () => {
  it('when the same person confirms in time, then the stored payload comes back once', async () => {
    const db = await openDb();
    const id = await issueConfirmation(db, { ...base, payload: { groupId: 'g1', userId: 'u1' } });
    expect(await redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_030_000 })).toEqual({ groupId: 'g1', userId: 'u1' });
    expect(await codeOf(() => redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_031_000 }))).toBe('confirm.used');
  });

  it('when someone else presses confirm, then it is refused and the owner can still confirm', async () => {
    const db = await openDb();
    const id = await issueConfirmation(db, { ...base, payload: 1 });
    expect(await codeOf(() => redeemConfirmation(db, { id, kind: base.kind, userId: 'intruder', now: 1_001_000 }))).toBe('auth.forbidden');
    expect(await redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_002_000 })).toBe(1);
  });

  it('when the confirmation has expired, then it is refused', async () => {
    const db = await openDb();
    const id = await issueConfirmation(db, { ...base, payload: 1 });
    expect(await codeOf(() => redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_060_000 }))).toBe('confirm.expired');
  });

  it('when the id is unknown or of another kind, then it is refused as no longer valid', async () => {
    const db = await openDb();
    const id = await issueConfirmation(db, { ...base, payload: 1 });
    expect(await codeOf(() => redeemConfirmation(db, { id: 'nope', kind: base.kind, userId: 'admin-1', now: 1_001_000 }))).toBe('confirm.expired');
    expect(await codeOf(() => redeemConfirmation(db, { id, kind: 'sync.group', userId: 'admin-1', now: 1_001_000 }))).toBe('confirm.expired');
  });

  it('when cancelled, then a later confirm is refused', async () => {
    const db = await openDb();
    const id = await issueConfirmation(db, { ...base, payload: 1 });
    expect(await cancelConfirmation(db, { id, userId: 'intruder', now: 1_001_000 })).toBe(false);
    expect(await cancelConfirmation(db, { id, userId: 'admin-1', now: 1_001_000 })).toBe(true);
    expect(await codeOf(() => redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_002_000 }))).toBe('confirm.used');
  });
});
