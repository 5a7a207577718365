/**
 * Keeps credentials out of everything the bot writes down or shows: log lines, audit rows,
 * card text and error messages. Two layers: pino `redact` paths for the fields we know about,
 * and a text scrubber (bearer tokens, JWT-shaped strings, form-encoded secrets and the
 * configured secret values) that runs over every serialised log line and audit summary.
 */
import type { Config } from '../config';

export const REDACTED = '[redacted]';

/** pino `redact.paths`: headers and credential fields wherever a log call puts them. */
export const REDACT_PATHS: readonly string[] = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'access_token',
  '*.access_token',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'appPassword',
  '*.appPassword',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  'password',
  '*.password',
  'certificate',
  '*.certificate',
  'privateKey',
  '*.privateKey',
];

const PATTERNS: readonly [RegExp, string][] = [
  // Authorization header values, also when a whole header object was stringified into a message.
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, REDACTED],
  // JWTs: base64url header starting with {" → "eyJ", then payload and optional signature.
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(\.[A-Za-z0-9_-]*)?/g, REDACTED],
  // Form-encoded or JSON credentials (token endpoint bodies, config dumps).
  [/((?:client_secret|access_token|refresh_token|assertion|password)["']?\s*[=:]\s*["']?)[^&"'\s,}]+/gi, `$1${REDACTED}`],
  // PEM blocks (certificates, private keys).
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, REDACTED],
];

/** Secrets shorter than this are not replaced as substrings: "abc" would eat ordinary words. */
const MIN_SECRET_LENGTH = 6;

export type Scrubber = (text: string) => string;

const isSecret = (s: string | null | undefined): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH;

/** Secrets learnt after the logger was made (the simulator's demo credential is only known once it runs). */
const registered = new Set<string>();

/** Makes every scrubber, including those already created, remove these values too. */
export function registerSecrets(secrets: readonly (string | null | undefined)[]): void {
  for (const secret of secrets) if (isSecret(secret)) registered.add(secret);
}

/** A scrubber for the given secret values, any registered later, and the generic token patterns. */
export function createScrubber(secrets: readonly (string | null | undefined)[]): Scrubber {
  const own = secrets.filter(isSecret);
  let known = -1;
  let values: string[] = [];
  return (text) => {
    if (known !== registered.size) {
      known = registered.size;
      // Longest first, so a secret that contains another is replaced whole.
      values = [...new Set([...own, ...registered])].sort((a, b) => b.length - a.length);
    }
    let result = text;
    for (const value of values) {
      if (result.includes(value)) result = result.split(value).join(REDACTED);
      // Secrets also travel percent-encoded (token request bodies) and JSON-escaped.
      const encoded = encodeURIComponent(value);
      if (encoded !== value && result.includes(encoded)) result = result.split(encoded).join(REDACTED);
    }
    for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
    return result;
  };
}

/** The secret values a configuration holds (bot password, client secret). */
export function configuredSecrets(config: Pick<Config, 'bot' | 'microsoft'>): string[] {
  const secrets: string[] = [];
  if (config.bot.appPassword) secrets.push(config.bot.appPassword);
  if (config.microsoft.credential.kind === 'clientSecret') secrets.push(config.microsoft.credential.clientSecret);
  return secrets;
}

interface WritableLike {
  write(chunk: string): unknown;
}

/**
 * Wraps a pino destination so every serialised line is scrubbed before it is written. This is
 * the backstop for secrets that end up inside messages or error stacks, where redact paths
 * cannot reach.
 */
export function scrubbingDestination<T extends WritableLike>(destination: T, scrub: Scrubber): WritableLike {
  return {
    write(chunk: string) {
      return destination.write(scrub(chunk));
    },
  };
}
