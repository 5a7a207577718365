import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appsFeature } from '../../src/features/apps';
import { diagnoseApp } from '../../src/features/apps/diagnose-app';
import { createTestBot } from '../helpers/bot-harness';

/** Issue 14 "Done when": the README's command table and docs/diagnosis.md say what the bot does with apps. */
const read = (...path: string[]) => readFileSync(join(__dirname, '..', '..', ...path), 'utf8');
const readme = read('README.md').replace(/\\\|/g, '|');
const diagnosis = read('docs', 'diagnosis.md');

/** A `## heading` section of a Markdown file, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`no section "${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}
const appsSection = section(diagnosis, 'Apps');

describe('the app phrasings in the docs', () => {
  it.each(appsFeature.commands.map((c) => [c.usage, c.examples[0] ?? ''] as const))('README\'s command table lists `%s` with its example', (usage, example) => {
    const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${usage}\``));
    expect(row).toBeDefined();
    expect(row).toContain(`\`${example}\``);
  });

  it.each(["why can't Jane open Expense Tracker", "why can't Jane access the Expense app in UAT", 'can Jane use Field Inspection', 'who can open Expense Tracker', 'which apps can Jane open in UAT'])(
    'docs/diagnosis.md "Apps" shows `%s`',
    (phrasing) => {
      expect(appsSection).toContain(`\`${phrasing}\``);
    },
  );

  it('every check an app diagnosis makes has a row in docs/diagnosis.md "Apps" with its source in microsoft-apis.md', async () => {
    const bot = await createTestBot();
    try {
      const outcome = await diagnoseApp(bot.deps, { user: 'Hannah Weber', app: 'Budget Planner', environment: 'Contoso Production', everywhere: false, mayBeEnvironment: false });
      if (outcome.kind !== 'diagnosis') throw new Error(`expected a diagnosis, got ${outcome.kind}`);
      const ids = outcome.diagnosis.checks.map((c) => c.id);
      expect(ids.length).toBeGreaterThanOrEqual(3);
      for (const id of ids) {
        const row = appsSection.split('\n').find((line) => line.startsWith(`| \`${id}\``));
        expect(row).toMatch(/\| §\d+[^|]*\|$/);
      }
    } finally {
      await bot.close();
    }
  });
});
