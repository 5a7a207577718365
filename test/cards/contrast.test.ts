import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CARDS_DIR, renderCard } from '../../src/cards/render';
import { AA_CONTRAST, contrastRatio, TEAMS_THEMES, type ContainerStyle } from '../../src/cards/teams-themes';
import { contrastProblems, narrowColumnProblems } from '../helpers/card-check';

const SAMPLES_DIR = resolve(__dirname, '..', 'fixtures', 'cards');
const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
const themes = Object.values(TEAMS_THEMES);

describe('text on every card reads at WCAG AA contrast in the Teams light, dark and high-contrast themes', () => {
  it('computes contrast as WCAG does (alpha blended over the background)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // 75 % black on white is a mid grey, far below solid black.
    expect(contrastRatio('#bf000000', '#ffffff')).toBeLessThan(contrastRatio('#000000', '#ffffff') / 2);
  });

  it('knows the published Teams colours that fail: Warning and Good on white, Attention on the dark theme', () => {
    const light = TEAMS_THEMES.light.containers.default;
    const dark = TEAMS_THEMES.dark.containers.default;
    expect(contrastRatio(light.text.warning.default, light.background)).toBeLessThan(2);
    expect(contrastRatio(light.text.good.default, light.background)).toBeLessThan(AA_CONTRAST);
    expect(contrastRatio(dark.text.attention.default, dark.background)).toBeLessThan(AA_CONTRAST);
    const warningBox = TEAMS_THEMES.light.containers.warning;
    expect(contrastRatio(warningBox.text.warning.default, warningBox.background)).toBeLessThan(2); // "At risk" yellow on yellow
  });

  it.each(themes.map((t) => [t.name, t] as const))('every container style keeps default and subtle text readable (%s)', (_name, theme) => {
    for (const style of Object.keys(theme.containers) as ContainerStyle[]) {
      const { background, text } = theme.containers[style];
      expect([style, contrastRatio(text.default.default, background) >= AA_CONTRAST]).toEqual([style, true]);
      expect([style, contrastRatio(text.default.subtle, background) >= AA_CONTRAST]).toEqual([style, true]);
    }
  });

  it('flags coloured text that fails in any theme, naming the element and the theme', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Container', style: 'warning', items: [{ type: 'TextBlock', text: 'At risk', color: 'Warning' }] }] };
    expect(contrastProblems(card).join('\n')).toMatch(/"At risk" in warning on a warning container has contrast 1\.\d\d in the Teams light theme/);
    const fine = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Container', style: 'warning', items: [{ type: 'TextBlock', text: '⚠️ At risk' }] }] };
    expect(contrastProblems(fine)).toEqual([]);
  });

  it('no template takes a text colour from data: every colour on a card is a literal this check sees', () => {
    const bound = templates.filter((name) => /"color"\s*:\s*"\$\{/.test(readFileSync(resolve(CARDS_DIR, `${name}.json`), 'utf8')));
    expect(bound).toEqual([]);
  });

  // A template without a sample fails all-cards.test.ts already.
  it.each(templates.filter((name) => existsSync(resolve(SAMPLES_DIR, `${name}.sample.json`))))('cards/%s.json with its sample passes in every theme', (name) => {
    const sample = JSON.parse(readFileSync(resolve(SAMPLES_DIR, `${name}.sample.json`), 'utf8')) as object;
    expect(contrastProblems(renderCard(name, sample))).toEqual([]);
  });
});

describe('tables do not break words', () => {
  it('flags a five-column table whose header cannot fit "Dataverse" on a phone', () => {
    const header = ['Name', 'Type', 'Dataverse', 'Security group', 'State'].map((text, i) => ({ type: 'Column', width: i === 0 || i === 3 ? 3 : 2, items: [{ type: 'TextBlock', text, weight: 'Bolder' }] }));
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'ColumnSet', columns: header }] };
    expect(narrowColumnProblems(card).join('\n')).toMatch(/"Dataverse" needs about \d+ px but its column gets \d+ px/);
  });

  it('accepts a name beside an auto-width state', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'ColumnSet', columns: [
      { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: '**Contoso Production**' }, { type: 'TextBlock', text: 'Production · security group: SG-PowerPlatform-Prod' }] },
      { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: '✅ Enabled' }] },
    ] }] };
    expect(narrowColumnProblems(card)).toEqual([]);
  });

  it.each(templates.filter((name) => existsSync(resolve(SAMPLES_DIR, `${name}.sample.json`))))('cards/%s.json with its sample', (name) => {
    const sample = JSON.parse(readFileSync(resolve(SAMPLES_DIR, `${name}.sample.json`), 'utf8')) as object;
    expect(narrowColumnProblems(renderCard(name, sample))).toEqual([]);
  });
});
