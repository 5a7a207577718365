import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface AccessTokenPayload {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  tid: string;
  oid: string;
  idtyp: 'app';
  ver: '1.0';
  /** Application permissions granted to the app on this resource; Entra leaves the claim out when there are none. */
  roles?: string[];
}

/** Per-process signing secret: tokens never survive a restart, as a real token never verifies against a fake key. */
const SECRET = randomBytes(32);

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

export function signAccessToken(payload: AccessTokenPayload): string {
  const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'sim' }));
  const body = b64url(JSON.stringify(payload));
  return `${head}.${body}.${signature(`${head}.${body}`)}`;
}

export type TokenCheck = { ok: true; payload: AccessTokenPayload } | { ok: false; problem: 'malformed' | 'signature' | 'expired' | 'notYetValid' };

/** `clockSkewSeconds` is the leeway granted to `nbf`, as Microsoft's token validators grant (TokenValidationParameters.ClockSkew). */
export function verifyAccessToken(token: string, nowSeconds: number, clockSkewSeconds = 0): TokenCheck {
  const signed = signedPayload(token);
  if (!signed.ok) return signed;
  const { payload } = signed;
  if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) return { ok: false, problem: 'expired' };
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds + clockSkewSeconds) return { ok: false, problem: 'notYetValid' };
  return { ok: true, payload };
}

/**
 * Tokens whose signature checked out, with their payload: a client sends one token for up to an hour, and
 * an HMAC and a JSON parse on each of a 200,000-member sync's requests showed in the simulator's profile.
 * The secret never changes within a process, so a token verified once verifies again; lifetime is checked
 * on every request.
 */
const verified = new Map<string, AccessTokenPayload>();
const MAX_VERIFIED = 256;

function signedPayload(token: string): TokenCheck {
  const known = verified.get(token);
  if (known) return { ok: true, payload: known };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, problem: 'malformed' };
  const [head, body, sig] = parts as [string, string, string];
  const expected = Buffer.from(signature(`${head}.${body}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, problem: 'signature' };
  let payload: AccessTokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessTokenPayload;
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value as string);
  verified.set(token, payload);
  return { ok: true, payload };
}

function signature(input: string): string {
  return createHmac('sha256', SECRET).update(input).digest('base64url');
}
