import { AppError } from '../../errors';
import { errorEnvelope, type HttpResponse } from '../http/http-client';

const SERVICE = 'The Power Apps admin API';

/**
 * A failed Power Apps admin API response as a coded, user-safe AppError (the raw code and message go to
 * `message`, for logs). The API shares BAP's token audience and its management-application registration
 * (§2.3: "Power App management" works for a registered service principal), so a 403 has the same fix.
 */
export function powerAppsError(response: HttpResponse): AppError {
  const { status } = response;
  const { code, message } = errorEnvelope(response.body);
  const log = `Power Apps admin API answered ${status}${code ? ` ${code}` : ''}: ${message}`;
  if (status === 401) {
    return new AppError('auth.token', `${SERVICE} rejected the bot's access token. Check the bot's app registration and tenant id.`, { message: log });
  }
  if (status === 403) {
    return new AppError(
      'bap.forbidden',
      `${SERVICE} refused the bot's request. The bot's app registration must be registered as a Power Platform management application (see docs/deploy.md).`,
      { message: log },
    );
  }
  if (status === 429 || status >= 500) {
    return new AppError('upstream.unavailable', `${SERVICE} is busy or unavailable right now. Try again in a minute.`, { message: log });
  }
  return new AppError('bap.failed', `${SERVICE} refused the request (HTTP ${status}).`, { message: log });
}
