import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Why an inbound request was refused: logged (one line), never sent back. */
export type AuthFailure =
  | 'missing' | 'malformed' | 'algorithm' | 'issuer' | 'unknown-key' | 'signature' | 'expired' | 'not-before' | 'audience' | 'endorsement' | 'service-url' | 'keys-unavailable';

export class AuthRefused extends Error {
  constructor(readonly reason: AuthFailure) {
    super(`bot token refused: ${reason}`);
    this.name = 'AuthRefused';
  }
}

export interface SigningKey {
  key: KeyObject;
  /** Channels the key may sign for (Bot Framework's `endorsements`); empty: any. */
  endorsements: string[];
}

export interface SigningKeys {
  get(kid: string): Promise<SigningKey | null>;
}

/** Bot Framework signs channel tokens with RSA: the algorithms botbuilder allows (AuthenticationConstants.AllowedSigningAlgorithms). */
const ALGORITHMS: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
/** The clock skew botbuilder tolerates on exp and nbf. */
const SKEW_SECONDS = 300;

export interface TokenExpectations {
  appId: string;
  issuer: string;
  /** Checked against the key's endorsements once the activity (its channel) is known. */
  channelId?: string;
  /** Checked against the token's `serviceurl` claim once the activity is known. */
  serviceUrl?: string;
  nowMs: number;
}

interface JwtParts {
  header: { alg?: unknown; kid?: unknown };
  claims: Record<string, unknown>;
  signed: Buffer;
  signature: Buffer;
}

function parse(authorization: string | undefined): JwtParts {
  if (!authorization) throw new AuthRefused('missing');
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization);
  if (!match) throw new AuthRefused('malformed');
  const [, header, payload, signature] = match as unknown as [string, string, string, string];
  try {
    const decode = (part: string): Record<string, unknown> => {
      const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      return value as Record<string, unknown>;
    };
    return { header: decode(header), claims: decode(payload), signed: Buffer.from(`${header}.${payload}`), signature: Buffer.from(signature, 'base64url') };
  } catch {
    throw new AuthRefused('malformed');
  }
}

/**
 * Checks a Bot Framework channel token (Authorization: Bearer …) the way botbuilder does, before
 * botbuilder sees it: RSA algorithm, issuer, a key of the channel's OpenID metadata, signature,
 * exp/nbf with 5 minutes of skew, audience = the bot's app id, and, once the activity is known, the
 * key's endorsement of its channel and the serviceurl claim. Throws AuthRefused with the reason.
 * Botbuilder answers some of these failures with a 500 and a stack trace per request; refused
 * here they never reach it.
 */
export async function verifyBotToken(authorization: string | undefined, expect: TokenExpectations, keys: SigningKeys): Promise<Record<string, unknown>> {
  const jwt = parse(authorization);
  const hash = typeof jwt.header.alg === 'string' ? ALGORITHMS[jwt.header.alg] : undefined;
  if (!hash) throw new AuthRefused('algorithm');
  if (jwt.claims.iss !== expect.issuer) throw new AuthRefused('issuer');
  const key = typeof jwt.header.kid === 'string' ? await keys.get(jwt.header.kid) : null;
  if (!key) throw new AuthRefused('unknown-key');
  if (!verify(hash, jwt.signed, key.key, jwt.signature)) throw new AuthRefused('signature');
  const now = expect.nowMs / 1000;
  const exp = jwt.claims.exp;
  const nbf = jwt.claims.nbf;
  if (typeof exp !== 'number' || now > exp + SKEW_SECONDS) throw new AuthRefused('expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || now < nbf - SKEW_SECONDS)) throw new AuthRefused('not-before');
  if (jwt.claims.aud !== expect.appId) throw new AuthRefused('audience');
  if (expect.channelId !== undefined && key.endorsements.length > 0 && !key.endorsements.includes(expect.channelId)) throw new AuthRefused('endorsement');
  if (expect.serviceUrl !== undefined && jwt.claims.serviceurl !== expect.serviceUrl) throw new AuthRefused('service-url');
  return jwt.claims;
}

interface KeySet {
  keys: Map<string, SigningKey>;
  fetchedAt: number;
}

/**
 * The signing keys of an OpenID metadata document (its jwks_uri), kept a day. An unknown key id
 * fetches them again at most every 5 minutes, so made-up key ids cannot make the bot hammer the
 * metadata endpoint.
 */
export function openIdSigningKeys(metadataUrl: string, now: () => number = Date.now): SigningKeys {
  let current: KeySet | null = null;
  let fetching: Promise<KeySet> | null = null;
  const load = async (): Promise<KeySet> => {
    const metadata = (await (await fetch(metadataUrl)).json()) as { jwks_uri?: string };
    if (!metadata.jwks_uri) throw new Error('OpenID metadata without jwks_uri');
    const jwks = (await (await fetch(metadata.jwks_uri)).json()) as { keys?: (JsonWebKey & { kid?: string; endorsements?: string[] })[] };
    const keys = new Map<string, SigningKey>();
    for (const jwk of jwks.keys ?? []) {
      if (!jwk.kid || jwk.kty !== 'RSA') continue;
      keys.set(jwk.kid, { key: createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' }), endorsements: jwk.endorsements ?? [] });
    }
    return { keys, fetchedAt: now() };
  };
  const refresh = (): Promise<KeySet> => {
    fetching ??= load().then(
      (set) => {
        current = set;
        fetching = null;
        return set;
      },
      (error: unknown) => {
        fetching = null;
        throw error;
      },
    );
    return fetching;
  };
  return {
    async get(kid) {
      const age = current ? now() - current.fetchedAt : Number.POSITIVE_INFINITY;
      let set = current && age < 24 * 3600_000 ? current : null;
      if (!set || (!set.keys.has(kid) && age >= 5 * 60_000)) {
        try {
          set = await refresh();
        } catch {
          if (!current) throw new AuthRefused('keys-unavailable');
          set = current;
        }
      }
      return set.keys.get(kid) ?? null;
    },
  };
}
