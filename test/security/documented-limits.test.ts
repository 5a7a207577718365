/**
 * The per-caller limits an operator reads in .env.example are the ones the bot applies when the
 * keys are left out (a wrong "(default N)" there makes an operator size the limits on a false number).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';

const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8').split('\n');

function documented(key: string): { comment: number; value: number } {
  const line = example.findIndex((l) => l.startsWith(`${key}=`));
  const comment = /\(default (\d+)\)/.exec(example[line - 1] ?? '')?.[1];
  return { comment: Number(comment), value: Number(example[line]?.slice(key.length + 1)) };
}

describe('.env.example and the rate-limit defaults', () => {
  const limits = loadConfig({ DATA_SOURCE: 'simulated' }).limits?.expensive;

  it.each([
    ['RATE_LIMIT_BURST', () => limits?.burst],
    ['RATE_LIMIT_PER_MINUTE', () => limits?.perMinute],
  ])('%s: the "(default N)" comment and the example value are the code default', (key, actual) => {
    expect(documented(key)).toEqual({ comment: actual(), value: actual() });
  });
});
