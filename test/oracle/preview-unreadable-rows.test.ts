import pino from 'pino';
import { AppError } from '../../src/errors';
import { existingRows } from '../../src/features/sync/predict-member';
import type { DataverseGateway, DirectoryUser } from '../../src/gateways/types';

/**
 * The preview's predictions rest on the existing Dataverse rows (non-interactive users need no licence).
 * Rows the bot may not read are 'unknown' (the oracle's Finance Reporting case); any other failure must
 * stop the preview, not turn silently into 'unknown' for everyone.
 */
const JANE = { id: '1bc176ac-113e-4105-a8d2-93516aa828e1' } as DirectoryUser;

function failingDataverse(error: Error): DataverseGateway {
  const fail = async (): Promise<never> => {
    throw error;
  };
  // every method fails the same way, whatever the gateway grows
  return new Proxy({} as DataverseGateway, { get: () => fail });
}

describe('existing rows for the sync preview', () => {
  it('when the bot may not read the environment, then every row is unknown and a warning is logged', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const dataverse = failingDataverse(new AppError('dataverse.forbidden', 'The bot has no application user in https://org.example.'));
    const rowOf = await existingRows({ dataverse, log }, 'https://org.example/', [JANE]);
    expect(rowOf(JANE.id)).toBe('unknown');
    expect(lines.join('')).toContain('dataverse.forbidden');
  });

  it.each([
    ['Dataverse is busy', new AppError('upstream.unavailable', 'Dataverse is busy.')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'azureObjectId')")],
  ])('when the read fails because %s, then the preview fails instead of guessing', async (_label, error) => {
    const log = pino({ level: 'silent' });
    await expect(existingRows({ dataverse: failingDataverse(error), log }, 'https://org.example/', [JANE])).rejects.toBe(error);
  });
});
