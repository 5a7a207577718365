import { cardPayloadBytes, cardProblems, cardText, expectValidCard, MAX_CARD_BYTES } from '../helpers/card-check';

const execute = (verb: string, data: Record<string, unknown>, fallbackData: unknown = { ...data, verb }) => ({
  type: 'Action.Execute',
  title: 'Retry',
  verb,
  data,
  fallback: { type: 'Action.Submit', title: 'Retry', data: fallbackData },
});

function goodCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Sync finished', weight: 'Bolder', color: 'Accent', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Added', value: '12' }, { title: 'Failed', value: '2' }] },
      { type: 'Input.ChoiceSet', id: 'env', label: 'Environment', choices: [{ title: 'UAT', value: 'env-uat' }] },
      { type: 'ActionSet', actions: [execute('retryFailed', { jobId: 'j1' })] },
    ],
    actions: [
      {
        type: 'Action.ShowCard',
        title: 'Details',
        card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Jane: userNotLicensed' }], actions: [execute('job', { jobId: 'j1' })] },
      },
    ],
  };
}

describe('expectValidCard', () => {
  it('accepts a well-formed 1.5 card, raw or wrapped as { content }', () => {
    expect(() => expectValidCard(goodCard())).not.toThrow();
    expect(() => expectValidCard({ content: goodCard() })).not.toThrow();
  });

  it('rejects the wrong version and leftover template bindings, naming where', () => {
    const card = { ...goodCard(), version: '1.6', body: [{ type: 'TextBlock', text: 'Hello ${name}' }] };
    expect(() => expectValidCard(card)).toThrow(/version is "1.6"[\s\S]*\$\.body\[0\]\.text still contains a template binding/);
  });

  it('reports unknown elements and library validation events', () => {
    const card = { ...goodCard(), body: [{ type: 'Bogus' }, { type: 'Input.ChoiceSet', id: 'x', choices: [] }] };
    const problems = cardProblems(card);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/parse: UnknownElementType/), expect.stringMatching(/validation: CollectionCantBeEmpty/)]),
    );
  });

  it('requires an Action.Submit fallback with the same data and verb on every Action.Execute, also nested', () => {
    const noFallback = { type: 'Action.Execute', title: 'Go', verb: 'go', data: { a: 1 } };
    const wrongData = execute('retryFailed', { jobId: 'j1' }, { jobId: 'j1' });
    const card = { ...goodCard(), body: [{ type: 'ActionSet', actions: [noFallback] }], actions: [wrongData] };
    const problems = cardProblems(card);
    expect(problems).toContain('$.body[0].actions[0] (Action.Execute "Go") needs a fallback of type Action.Submit');
    expect(problems).toContainEqual(expect.stringContaining('fallback data {"jobId":"j1"} should be {"jobId":"j1","verb":"retryFailed"}'));
  });

  it('rejects hard-coded colours and background images but allows palette colours', () => {
    const card = {
      ...goodCard(),
      body: [
        { type: 'TextBlock', text: 'a', color: '#FF0000' },
        { type: 'Container', style: 'emphasis', backgroundImage: 'data:image/png;base64,AAAA', items: [{ type: 'TextBlock', text: 'b', color: 'attention' }] },
      ],
    };
    const problems = cardProblems(card);
    expect(problems).toContainEqual(expect.stringContaining('$.body[0].color "#FF0000" is not a palette colour'));
    expect(problems).toContainEqual(expect.stringContaining('$.body[1].backgroundImage'));
    expect(problems.join('\n')).not.toContain('body[1].items[0].color');
  });

  it('rejects a payload at or above 80 KB measured in UTF-16', () => {
    const big = { ...goodCard(), body: [{ type: 'TextBlock', text: 'x'.repeat(MAX_CARD_BYTES / 2), wrap: true }] };
    expect(cardPayloadBytes(big)).toBeGreaterThan(MAX_CARD_BYTES);
    expect(() => expectValidCard(big)).toThrow(/payload is \d+ bytes \(UTF-16\), must stay under 81920/);
  });
});

describe('cardText', () => {
  it('lists what a user sees: text, facts, labels, choices and button titles, without hidden data', () => {
    const text = cardText({ content: goodCard() });
    expect(text.split('\n')).toEqual(['Sync finished', 'Added', '12', 'Failed', '2', 'Environment', 'UAT', 'Retry', 'Details', 'Jane: userNotLicensed', 'Retry']);
    expect(text).not.toContain('env-uat');
    expect(text).not.toContain('j1');
  });
});
