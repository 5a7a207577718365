import { parseAppAccess, parseWhichApps, parseWhoCanOpen } from '../../src/features/apps/parse-apps';
import { parseWhoHasAccess } from '../../src/features/access/parse-access';
import { parseDiagnose } from '../../src/features/diagnose/parse-diagnose';
import { kindNamed } from '../../src/features/apps/find-app';

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
    ['who can use Field Inspection', { app: 'Field Inspection', environment: null }],
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

  it.each(['who has access to the Field Inspection app', 'who can access the Field Inspection canvas app', 'check who has access to the Expense Tracker model-driven app in UAT'])(
    '"%s" names an app: the environment reconciliation leaves it to "who can open"',
    (text) => {
      expect(parseWhoHasAccess(text)).toBeNull();
      expect(parseWhoCanOpen(text)).not.toBeNull();
    },
  );

  it('"who has access to Field Inspection" names no kind: the reconciliation takes it and resolves the name (the app wins there, src/features/apps/app-instead.ts)', () => {
    expect(parseWhoHasAccess('who has access to Field Inspection')).toEqual({ environment: 'Field Inspection' });
    expect(parseWhoHasAccess('who has access to UAT')).toEqual({ environment: 'UAT' });
  });

  it.each([
    ['Expense Tracker model-driven app', 'model-driven'],
    ['the Field Inspection canvas app', 'canvas'],
    ['Expense app', null],
    ['Expense Tracker', null],
  ])('the kind "%s" names: %s', (text, kind) => {
    expect(kindNamed(text)).toBe(kind);
  });
});

