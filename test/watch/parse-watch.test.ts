import { parseListWatches, parseUnwatch, parseWatch } from '../../src/features/watch/parse-watch';

describe('watch phrasings', () => {
  it.each([
    ['watch UAT Testers for UAT', { group: 'UAT Testers', environment: 'UAT' }],
    ['Watch "Financial Coordinators" in Contoso UAT.', { group: 'Financial Coordinators', environment: 'Contoso UAT' }],
    ['please start watching the group Sales to Dev', { group: 'Sales', environment: 'Dev' }],
    ['watch "Access for Contractors" for UAT', { group: 'Access for Contractors', environment: 'UAT' }],
    ['watch Access for Contractors in UAT', { group: 'Access for Contractors', environment: 'UAT' }],
  ])('reads %j', (text, expected) => {
    expect(parseWatch(text)).toEqual(expected);
  });

  it.each([
    ['stop watching UAT Testers', { group: 'UAT Testers', environment: null }],
    ['unwatch UAT Testers for UAT', { group: 'UAT Testers', environment: 'UAT' }],
    ["don't watch the group Sales in Dev!", { group: 'Sales', environment: 'Dev' }],
    ['Don\u2019t watch Sales', { group: 'Sales', environment: null }],
    ['stop watching "Access for Contractors"', { group: 'Access for Contractors', environment: null }],
    ['stop watching "Access for Contractors" for UAT', { group: 'Access for Contractors', environment: 'UAT' }],
  ])('reads %j', (text, expected) => {
    expect(parseUnwatch(text)).toEqual(expected);
  });

  it.each(['watches', 'list watches', 'Show all watches', 'what are you watching?'])('reads %j as the list', (text) => {
    expect(parseListWatches(text)).toEqual({});
  });

  it.each(['watch UAT Testers', 'watch', 'sync UAT Testers to UAT', 'why can\'t Jane access the app', 'watch for UAT', 'stop notifying here'])('does not claim %j', (text) => {
    expect(parseWatch(text)).toBeNull();
    expect(parseUnwatch(text)).toBeNull();
    expect(parseListWatches(text)).toBeNull();
  });
});
