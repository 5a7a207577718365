import { parseAppAccess, parseWhichApps, parseWhoCanOpen } from '../../src/features/apps/parse-apps';
import { parseDiagnose } from '../../src/features/diagnose/parse-diagnose';

describe('parsing app questions', () => {
  it.each([
    ["why can't Jane open Expense Tracker", { user: 'Jane', app: 'Expense Tracker', environment: null, everywhere: false, mayBeEnvironment: true }],
    ["why can't Jane access the Expense app in UAT", { user: 'Jane', app: 'Expense app', environment: 'UAT', everywhere: false, mayBeEnvironment: false }],
    ['can Jane use Field Inspection', { user: 'Jane', app: 'Field Inspection', environment: null, everywhere: false, mayBeEnvironment: true }],
    ["why can’t <at>Jane Doe</at> open \"Expense Tracker\" in the Contoso Production environment?", { user: 'Jane Doe', app: 'Expense Tracker', environment: 'Contoso Production', everywhere: false, mayBeEnvironment: true }],
    ["why can't Jane open Expense Tracker everywhere", { user: 'Jane', app: 'Expense Tracker', environment: null, everywhere: true, mayBeEnvironment: true }],
    ["Jane can't open Budget Planner", { user: 'Jane', app: 'Budget Planner', environment: null, everywhere: false, mayBeEnvironment: true }],
    ["why can't Siobhan access the app", { user: 'Siobhan', app: null, environment: null, everywhere: false, mayBeEnvironment: false }],
    ['check Jane for the Field Inspection app', { user: 'Jane', app: 'Field Inspection app', environment: null, everywhere: false, mayBeEnvironment: false }],
  ])('%s', (text, expected) => {
    expect(parseAppAccess(text)).toEqual(expected);
  });

  it.each(["why can't Jane access UAT", 'check Jane in UAT', "why can't someone open Expense Tracker", 'where can Jane get in', 'can you see the history'])(
    'leaves "%s" to the environment diagnosis',
    (text) => {
      expect(parseAppAccess(text)).toBeNull();
    },
  );

  it('keeps every environment phrasing the diagnosis parser already took', () => {
    expect(parseDiagnose("why can't Jane access UAT")).toEqual({ user: 'Jane', environment: 'UAT', everywhere: false });
  });

  it.each([
    ['who can open Expense Tracker', { app: 'Expense Tracker', environment: null }],
    ['who can open Expense Tracker in UAT', { app: 'Expense Tracker', environment: 'UAT' }],
    ['who has access to the Field Inspection app', { app: 'Field Inspection app', environment: null }],
    ['who is Budget Planner shared with', { app: 'Budget Planner', environment: null }],
  ])('who: %s', (text, expected) => {
    expect(parseWhoCanOpen(text)).toEqual(expected);
  });

  it.each([
    ['which apps can Jane open in UAT', { user: 'Jane', environment: 'UAT' }],
    ['what apps can jane.doe@contoso.com use', { user: 'jane.doe@contoso.com', environment: null }],
    ["show Jane's apps in Contoso Production", { user: 'Jane', environment: 'Contoso Production' }],
  ])('which: %s', (text, expected) => {
    expect(parseWhichApps(text)).toEqual(expected);
  });
});
