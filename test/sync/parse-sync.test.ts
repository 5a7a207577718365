import { parseSync } from '../../src/features/sync/parse-sync';

describe('parseSync', () => {
  it.each([
    ['sync Financial Coordinators to UAT', { target: 'Financial Coordinators', names: ['Financial Coordinators'], environment: 'UAT' }],
    ['sync jane.doe@contoso.com to UAT', { target: 'jane.doe@contoso.com', names: ['jane.doe@contoso.com'], environment: 'UAT' }],
    ['sync Jane, Bob and Ravi to UAT', { names: ['Jane', 'Bob', 'Ravi'], environment: 'UAT' }],
    ['sync Jane,Bob,Ravi to UAT', { names: ['Jane', 'Bob', 'Ravi'] }],
    ['sync Jane & Bob into Contoso UAT', { names: ['Jane', 'Bob'], environment: 'Contoso UAT' }],
    ['sync Financial Coordinators to UAT including nested groups', { target: 'Financial Coordinators', includeNested: true }],
    ['sync Financial Coordinators to UAT including nested', { includeNested: true }],
    ['Sync "Research and Development" to Dev.', { target: 'Research and Development', names: ['Research', 'Development'], environment: 'Dev' }],
    ['sync Financial Coordinators to UAT ready only', { readyOnly: true, includeNested: false }],
    ['sync Financial Coordinators to UAT only members who are ready', { readyOnly: true }],
    ['sync Financial Coordinators to UAT wait for licences', { waitForLicences: true }],
    ['sync Financial Coordinators to UAT including nested groups ready only', { includeNested: true, readyOnly: true }],
    ['force sync Jane to UAT', { names: ['Jane'], environment: 'UAT' }],
    ['SYNC   jane   to   uat', { names: ['jane'], environment: 'uat' }],
    ["sync 'Finance Team' to 'Contoso UAT'", { target: 'Finance Team', environment: 'Contoso UAT' }],
  ])('%s', (text, expected) => {
    expect(parseSync(text)).toMatchObject(expected);
  });

  it.each(['sync', 'sync Jane', 'sync to UAT', 'synchronise Jane to UAT', 'history', 'why cant Jane access UAT', 'sync "" to UAT'])(
    'does not take %p',
    (text) => {
      expect(parseSync(text)).toBeNull();
    },
  );
});
