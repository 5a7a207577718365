import { parseDiagnose } from '../../src/features/diagnose/parse-diagnose';

type Row = [string, string | null, string | null, boolean?];

// [message, user, environment (null = default), everywhere]
const rows: Row[] = [
  ["why can't Jane access the app", 'Jane', null],
  ['why cant jane.doe@contoso.com access UAT?', 'jane.doe@contoso.com', 'UAT'],
  ['check Jane in UAT', 'Jane', 'UAT'],
  ['diagnose Jane', 'Jane', null],
  ['can Jane get into UAT', 'Jane', 'UAT'],
  ['is Jane able to use UAT', 'Jane', 'UAT'],
  ['where can Jane get in', 'Jane', null, true],
  ['check Jane everywhere', 'Jane', null, true],
  ['Why can’t Jane access UAT??', 'Jane', 'UAT'],
  ['why cannot Jane Doe access Contoso Production', 'Jane Doe', 'Contoso Production'],
  ["why can't Jane get into the UAT environment", 'Jane', 'UAT'],
  ["why can't Jane open UAT Finance.", 'Jane', 'UAT Finance'],
  ["why can't jane log in to UAT", 'jane', 'UAT'],
  ["why can't Jane sign in to uat!", 'Jane', 'uat'],
  ["why won't Jane get in", 'Jane', null],
  ["why can't Jane access", 'Jane', null],
  ["why doesn't Jane have access to UAT", 'Jane', 'UAT'],
  ['why is Jane unable to access UAT', 'Jane', 'UAT'],
  ['why can Jane not access UAT', 'Jane', 'UAT'],
  ["why can't \"Siobhan O'Brien\" access UAT", "Siobhan O'Brien", 'UAT'],
  ["why can't Siobhan O'Brien access UAT", "Siobhan O'Brien", 'UAT'],
  ["why can't Zoë Müller access UAT", 'Zoë Müller', 'UAT'],
  ["why can't <at>Jane Doe</at> access UAT", 'Jane Doe', 'UAT'],
  ["why can't @Jane access UAT", 'Jane', 'UAT'],
  ["why can't Jane access 'UAT Finance'", 'Jane', 'UAT Finance'],
  ['why can\'t Jane access "Contoso Production"?', 'Jane', 'Contoso Production'],
  ["why can't Jane access our app", 'Jane', null],
  ["why can't Jane access the environment", 'Jane', null],
  ['chek Jane in UAT', 'Jane', 'UAT'],
  ['chekc Jane in UAT', 'Jane', 'UAT'],
  ['cehck Jane', 'Jane', null],
  ['diagnoes Jane', 'Jane', null],
  ['diagnose jane.doe@contoso.com in UAT.', 'jane.doe@contoso.com', 'UAT'],
  ['diagonse Jane in uat', 'Jane', 'uat'],
  ['dignose Jane', 'Jane', null],
  ['check access for Jane in UAT', 'Jane', 'UAT'],
  ["check Jane's access to UAT", 'Jane', 'UAT'],
  ['check "Jane Doe" in "UAT Finance"', 'Jane Doe', 'UAT Finance'],
  ['check Jane on Contoso Production', 'Jane', 'Contoso Production'],
  ['please check Jane in UAT', 'Jane', 'UAT'],
  ['could Jane get into UAT?', 'Jane', 'UAT'],
  ['can jane access the app', 'jane', null],
  ['can Jane use Finance Reporting', 'Jane', 'Finance Reporting'],
  ['is Jane able to get into UAT?', 'Jane', 'UAT'],
  ['does Jane have access to UAT', 'Jane', 'UAT'],
  ['where can Jane Doe get in?', 'Jane Doe', null, true],
  ['where does Jane have access', 'Jane', null, true],
  ['which environments can Jane access', 'Jane', null, true],
  ['check Jane in all environments', 'Jane', null, true],
  ['diagnose <at>Jane Doe</at> everywhere', 'Jane Doe', null, true],
  ['check 5f0e6c1e-1111-4111-8111-111111111111 in UAT', '5f0e6c1e-1111-4111-8111-111111111111', 'UAT'],
  ['check Jane in https://orguat.crm.dynamics.com/', 'Jane', 'https://orguat.crm.dynamics.com/'],
];

const notDiagnoses = ['help', 'environments', 'sync Financial Coordinators to UAT', 'check', 'why', 'why not', 'hello there', 'where can I get help', 'where can I get in', 'can you see the history', 'can you open the sync card', 'check job 12'];

describe('parseDiagnose', () => {
  it('has at least 40 phrasings', () => expect(rows.length).toBeGreaterThanOrEqual(40));

  it.each(rows)('%s', (message, user, environment, everywhere = false) => {
    expect(parseDiagnose(message)).toEqual({ user, environment, everywhere });
  });

  it.each(notDiagnoses)('does not claim "%s"', (message) => {
    expect(parseDiagnose(message)).toBeNull();
  });
});
