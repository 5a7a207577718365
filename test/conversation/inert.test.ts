import { inert, stripInvisible, truncate, typoDistance } from '../../src/app/text';

/** Every Markdown/HTML character in `escaped` is preceded by a backslash (so none can start markup). */
function isInert(escaped: string): boolean {
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped[i] ?? '';
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (/[`*_{}[\]()<>#+\-.!|~&:]/.test(c)) return false;
  }
  return true;
}

describe('inert: text a person typed, safe to echo in Markdown', () => {
  it.each([
    ['a Markdown link', '[Reset your password](https://evil.example/reset)'],
    ['an image', '![x](https://evil.example/pixel.png)'],
    ['HTML', '<img src=x onerror=alert(1)><b>bold</b>'],
    ['a Teams mention', '<at>Everyone</at>'],
    ['emphasis and code', '**urgent** _now_ `rm -rf`'],
    ['a bare URL', 'https://evil.example/login'],
    ['an entity', '&lt;script&gt;'],
    ['a heading and a list', '# Title\n- item\n1. one'],
  ])('%s renders as typed', (_name, text) => {
    const escaped = inert(text);
    expect(isInert(escaped)).toBe(true);
    // Removing the escapes gives back exactly what was typed.
    expect(escaped.replace(/\\(.)/gs, '$1')).toBe(text);
  });

  it('drops right-to-left overrides, isolates and zero-width characters, keeping the visible text', () => {
    expect(inert('Jane\u202e moc.live\u202c')).toBe('Jane moc\\.live');
    expect(stripInvisible('J\u200ba\u200cn\u200de\u2066 \u2069D\ufeffoe\u200f')).toBe('Jane Doe');
  });

  it('leaves plain names alone', () => {
    expect(inert("Siobhan O'Brien")).toBe("Siobhan O'Brien");
    expect(inert('Zoë Müller')).toBe('Zoë Müller');
  });
});

describe('truncate', () => {
  it('never splits an emoji (a surrogate pair) and marks the cut', () => {
    const text = `${'a'.repeat(9)}😀😀`;
    expect(truncate(text, 10)).toBe(`${'a'.repeat(9)}…`);
    expect(truncate('😀😀😀', 2)).toBe('😀…');
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('typoDistance', () => {
  it.each([
    ['sycn', 'sync', 1],
    ['wyh', 'why', 1],
    ['hlep', 'help', 1],
    ['enviroments', 'environments', 1],
    ['remvoe', 'remove', 1],
    ['sync', 'sync', 0],
    ['watch', 'what', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(typoDistance(a, b)).toBe(d);
  });
});
