import type { Next, Request, RequestHandler, Response } from 'restify';
import { AuthFailureLog } from './auth-failures';
import { AuthRefused, openIdSigningKeys, verifyBotToken, type SigningKeys } from './bot-token';

/**
 * Where Bot Framework publishes the keys of the tokens channels send to bots, and the issuer of
 * those tokens ("Authenticate requests from the Bot Connector service to your bot",
 * learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication):
 * the same values botbuilder uses in the public cloud.
 */
export const BOT_FRAMEWORK_OPENID_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface InboundAuth {
  /** The gate before the body is read: the Authorization header alone must be a valid channel token. */
  header: RequestHandler;
  /** The gate once the activity is parsed: the key endorses its channel and the token names its serviceUrl. */
  activity: RequestHandler;
}

export interface InboundAuthOptions {
  appId: string;
  failures: AuthFailureLog;
  /** Tests point this (and botbuilder's ToBotFromChannelOpenIdMetadataUrl) at keys of their own. */
  openIdMetadataUrl?: string;
  keys?: SigningKeys;
  now?: () => number;
}

/**
 * Bot Framework authentication in front of botbuilder's: every failure is a 401 without detail and
 * one structured log line (AuthFailureLog), and a request without a valid token is refused before
 * its body is read. Botbuilder checks the token again when it processes the activity; it then
 * never sees a token that fails.
 */
export function inboundAuth(options: InboundAuthOptions): InboundAuth {
  const keys = options.keys ?? openIdSigningKeys(options.openIdMetadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA);
  const now = options.now ?? Date.now;
  const gate = (expectFromBody: (req: Request) => { channelId?: string; serviceUrl?: string }): RequestHandler =>
    (req: Request, res: Response, next: Next): void => {
      verifyBotToken(req.headers.authorization, { appId: options.appId, issuer: BOT_FRAMEWORK_ISSUER, nowMs: now(), ...expectFromBody(req) }, keys).then(
        () => next(),
        (error: unknown) => {
          const reason = error instanceof AuthRefused ? error.reason : 'keys-unavailable';
          options.failures.refused(reason, { path: req.path() });
          // The bot cannot check anyone's token without the keys: that is its problem, not the caller's (Bot Framework retries a 503).
          res.header('WWW-Authenticate', 'Bearer');
          res.send(reason === 'keys-unavailable' ? 503 : 401);
          next(false);
        },
      );
    };
  return {
    header: gate(() => ({})),
    activity: gate((req) => {
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as { channelId?: unknown; serviceUrl?: unknown };
      return { channelId: typeof body.channelId === 'string' ? body.channelId : '', serviceUrl: typeof body.serviceUrl === 'string' ? body.serviceUrl : undefined };
    }),
  };
}
