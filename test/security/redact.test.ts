import { Writable } from 'node:stream';
import pino from 'pino';
import { createScrubber, REDACT_PATHS, registerSecrets, scrubbingDestination } from '../../src/security/redact';

const SECRET = 'demo-client-secret~Z9.q';
const APP_PASSWORD = 'bot-password-4711';
// A real-shaped JWT: header {"alg":"HS256","typ":"JWT"}.
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJlLXZhbHVl';

function capture(secrets: string[]) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = pino({ redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } }, scrubbingDestination(sink, createScrubber(secrets)));
  return { log, output: () => lines.join('') };
}

describe('secret scrubbing', () => {
  const scrub = createScrubber([SECRET, APP_PASSWORD, 'abc', null]);

  it.each([
    ['a bearer header in a message', `GET /users failed, sent Authorization: Bearer ${JWT}`],
    ['a lone JWT', `token was ${JWT}.`],
    ['a token request body', `grant_type=client_credentials&client_id=x&client_secret=${encodeURIComponent(SECRET)}&scope=y`],
    ['a JSON credential', `{"access_token":"opaque-token-value","expires_in":3599}`],
    ['the configured secret anywhere', `config: ${SECRET} and password ${APP_PASSWORD}`],
    ['a PEM private key', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----'],
  ])('removes %s', (_label, text) => {
    const clean = scrub(text);
    expect(clean).not.toContain(SECRET);
    expect(clean).not.toContain(encodeURIComponent(SECRET));
    expect(clean).not.toContain(APP_PASSWORD);
    expect(clean).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}\./);
    expect(clean).not.toMatch(/Bearer /i);
    expect(clean).not.toContain('opaque-token-value');
    expect(clean).not.toContain('MIIEvQIBADANBg');
    expect(clean).toContain('[redacted]');
  });

  it('also removes secrets registered after the scrubber was made (the simulator credential is known late)', () => {
    const early = createScrubber([]);
    expect(early('late-secret-value-42')).toBe('late-secret-value-42');
    registerSecrets(['late-secret-value-42', 'tiny', null]);
    expect(early('token late-secret-value-42 here')).toBe('token [redacted] here');
    expect(early('tiny')).toBe('tiny');
  });

  it('leaves ordinary text alone, including short "secrets" that would eat words', () => {
    const text = "Why can't Jane (abc) access UAT? Basic plan, 3 licences.";
    expect(scrub(text)).toBe(text);
  });

  it('redacts authorization headers and credential fields by path, and secrets inside messages and errors', () => {
    const { log, output } = capture([SECRET]);
    log.info({ headers: { authorization: 'Bearer abcdef123456' }, credential: { clientSecret: SECRET } }, 'calling Graph');
    log.info({ req: { headers: { authorization: 'Basic dXNlcjpwYXNz' } } }, 'incoming');
    log.error({ err: new Error(`token endpoint said no to ${SECRET}`) }, `failed with ${JWT}`);
    const text = output();
    expect(text).toContain('calling Graph');
    expect(text).not.toContain('abcdef123456');
    expect(text).not.toContain('dXNlcjpwYXNz');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('eyJhbGci');
    expect(text).not.toMatch(/Bearer /);
  });
});
