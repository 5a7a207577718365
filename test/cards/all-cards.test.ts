import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CARDS_DIR, renderCard } from '../../src/cards/render';
import { cardText, expectValidCard } from '../helpers/card-check';

const SAMPLES_DIR = resolve(__dirname, '..', 'fixtures', 'cards');
const templates = readdirSync(CARDS_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();

/** Every string in the sample, so the test can see that the card shows the data it was given. */
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(strings) : [];

describe('every card template renders a valid Teams card from its sample view model', () => {
  it('there are templates to check', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  it.each(templates)('cards/%s.json', (name) => {
    const samplePath = resolve(SAMPLES_DIR, `${name}.sample.json`);
    if (!existsSync(samplePath)) {
      throw new Error(`cards/${name}.json has no sample: add test/fixtures/cards/${name}.sample.json with a realistic view model (what its view function passes to renderCard).`);
    }
    const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as object;
    const card = renderCard(name, sample);
    expectValidCard(card);
    const text = cardText(card);
    const shown = strings(sample).filter((s) => text.includes(s));
    expect(shown.length).toBeGreaterThan(0);
  });
});
