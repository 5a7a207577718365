import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP_PACKAGE_DIR, fillManifest, validateManifest } from '../../scripts/package-app';

const TEAMS_APP_ID = '0d5c3a5e-9a4b-4f0e-8d7a-2b1c3d4e5f60';
const BOT_ID = '7f6e5d4c-3b2a-4190-8a7b-6c5d4e3f2a10';
const template = readFileSync(resolve(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');

type Bot = { botId: string; scopes: string[]; isNotificationOnly: boolean; commandLists: { commands: { title: string }[] }[] };

describe('appPackage/manifest.json', () => {
  const manifest = fillManifest(template, { TEAMS_APP_ID, MicrosoftAppId: BOT_ID });

  it('validates offline against its bundled Teams schema once the ids are filled in', () => {
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.22');
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('fails the schema while the placeholders are still in it', () => {
    const raw = JSON.parse(template) as Record<string, unknown>;
    expect(validateManifest(raw)).toContainEqual(expect.stringMatching(/^\/id must match pattern/));
  });

  it('declares one conversational bot in personal, team and group chat with the main commands', () => {
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.validDomains).toEqual([]);
    const bots = manifest.bots as Bot[];
    expect(bots).toHaveLength(1);
    expect(bots[0]!.botId).toBe(BOT_ID);
    expect(bots[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bots[0]!.isNotificationOnly).toBe(false);
    const titles = bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).toEqual(expect.arrayContaining(['help', 'environments', "why can't", 'check', 'sync', 'job', 'history', 'audit']));
  });

  it('the validator reports real schema violations', () => {
    const broken = { ...manifest, name: { short: 'x'.repeat(31) }, accentColor: undefined };
    const errors = validateManifest(JSON.parse(JSON.stringify(broken)) as Record<string, unknown>);
    expect(errors).toEqual(expect.arrayContaining(['/ must have required property \'accentColor\'', '/name/short must NOT have more than 30 characters']));
  });
});

describe('fillManifest', () => {
  it('prefers BOT_ID over MicrosoftAppId', () => {
    const filled = fillManifest(template, { TEAMS_APP_ID, BOT_ID, MicrosoftAppId: TEAMS_APP_ID });
    expect((filled.bots as Bot[])[0]!.botId).toBe(BOT_ID);
  });

  it('names every missing or malformed id in one error', () => {
    expect(() => fillManifest(template, {})).toThrow(/TEAMS_APP_ID is not set \(set TEAMS_APP_ID\)\n {2}- BOT_ID is not set \(set BOT_ID or MicrosoftAppId\)/);
    expect(() => fillManifest(template, { TEAMS_APP_ID: 'my-app', MicrosoftAppId: BOT_ID })).toThrow(
      'TEAMS_APP_ID must be a GUID like 00000000-0000-0000-0000-000000000000, got "my-app"',
    );
  });
});
