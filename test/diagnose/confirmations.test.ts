import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cancelConfirmation, issueConfirmation, redeemConfirmation } from '../../src/app/confirmations';
import { AppError } from '../../src/errors';

function openDb(): Database.Database {
  const db = new Database(':memory:');
  db.exec(readFileSync(join(__dirname, '../../src/store/migrations/003-confirmations.sql'), 'utf8'));
  return db;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

const base = { kind: 'diagnose.add-to-group', userId: 'admin-1', ttlMs: 60_000, now: 1_000_000 };

describe('confirmations', () => {
  it('when the same person confirms in time, then the stored payload comes back once', () => {
    const db = openDb();
    const id = issueConfirmation(db, { ...base, payload: { groupId: 'g1', userId: 'u1' } });
    expect(redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_030_000 })).toEqual({ groupId: 'g1', userId: 'u1' });
    expect(codeOf(() => redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_031_000 }))).toBe('confirm.used');
  });

  it('when someone else presses confirm, then it is refused and the owner can still confirm', () => {
    const db = openDb();
    const id = issueConfirmation(db, { ...base, payload: 1 });
    expect(codeOf(() => redeemConfirmation(db, { id, kind: base.kind, userId: 'intruder', now: 1_001_000 }))).toBe('auth.forbidden');
    expect(redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_002_000 })).toBe(1);
  });

  it('when the confirmation has expired, then it is refused', () => {
    const db = openDb();
    const id = issueConfirmation(db, { ...base, payload: 1 });
    expect(codeOf(() => redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_060_000 }))).toBe('confirm.expired');
  });

  it('when the id is unknown or of another kind, then it is refused as no longer valid', () => {
    const db = openDb();
    const id = issueConfirmation(db, { ...base, payload: 1 });
    expect(codeOf(() => redeemConfirmation(db, { id: 'nope', kind: base.kind, userId: 'admin-1', now: 1_001_000 }))).toBe('confirm.expired');
    expect(codeOf(() => redeemConfirmation(db, { id, kind: 'sync.group', userId: 'admin-1', now: 1_001_000 }))).toBe('confirm.expired');
  });

  it('when cancelled, then a later confirm is refused', () => {
    const db = openDb();
    const id = issueConfirmation(db, { ...base, payload: 1 });
    expect(cancelConfirmation(db, { id, userId: 'intruder', now: 1_001_000 })).toBe(false);
    expect(cancelConfirmation(db, { id, userId: 'admin-1', now: 1_001_000 })).toBe(true);
    expect(codeOf(() => redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_002_000 }))).toBe('confirm.used');
  });
});
