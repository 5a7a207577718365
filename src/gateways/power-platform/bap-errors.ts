import { AppError } from '../../errors';
import { errorEnvelope, type HttpResponse } from '../http/http-client';

const NOT_MANAGEMENT_APP = 'does not have permission to access the path';

/** Maps a failed BAP response to a coded, user-safe AppError (the raw code/message go to `message` for logs). */
export function bapError(response: HttpResponse): AppError {
  const { status } = response;
  const { code, message } = errorEnvelope(response.body);
  const log = `Power Platform admin API answered ${status}${code ? ` ${code}` : ''}: ${message}`;
  if (status === 401) {
    return new AppError('auth.token', "The Power Platform admin API rejected the bot's access token. Check the bot's app registration and tenant id.", { message: log });
  }
  if (status === 403 && message.includes(NOT_MANAGEMENT_APP)) {
    return new AppError(
      'bap.forbidden',
      "The bot's app registration is not registered as a Power Platform management application. An admin must register it (see docs/deploy.md).",
      { message: log },
    );
  }
  if (status === 403) {
    return new AppError('bap.forbidden', "The Power Platform admin API refused the bot's request. Check that the bot's app registration is a Power Platform management application.", { message: log });
  }
  if (status === 429 || status >= 500) {
    return new AppError('upstream.unavailable', 'The Power Platform admin API is busy or unavailable right now. Try again in a minute.', { message: log });
  }
  return new AppError('bap.failed', `The Power Platform admin API refused the request (HTTP ${status}).`, { message: log });
}
