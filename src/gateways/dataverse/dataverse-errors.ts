import { AppError } from '../../errors';
import { errorEnvelope, type HttpResponse } from '../http/http-client';

const NOT_A_MEMBER = '0x80072560';

/** Maps a failed Dataverse Web API response to a coded, user-safe AppError. */
export function dataverseError(response: HttpResponse, instanceUrl: string): AppError {
  const { status } = response;
  const { code, message } = errorEnvelope(response.body);
  const env = environmentLabel(instanceUrl);
  const log = `Dataverse ${env} answered ${status}${code ? ` ${code}` : ''}: ${message}`;
  if (status === 401) {
    return new AppError('auth.token', `Dataverse (${env}) rejected the bot's access token. Check the bot's app registration and tenant id.`, { message: log });
  }
  if (status === 403 && code === NOT_A_MEMBER) {
    return new AppError(
      'dataverse.forbidden',
      `The bot has no application user in ${env}. An admin must add the bot's app registration as an application user with a security role that can read users and teams (Power Platform admin center → environment → Settings → Users + permissions → Application users).`,
      { message: log },
    );
  }
  if (status === 403) {
    return new AppError('dataverse.forbidden', `The bot's application user in ${env} lacks the privileges to read users, teams and roles. Give it a security role with read access to them.`, { message: log });
  }
  if (status === 429 || status >= 500) {
    return new AppError('upstream.unavailable', `Dataverse (${env}) is busy or unavailable right now. Try again in a minute.`, { message: log });
  }
  return new AppError('dataverse.failed', `Dataverse (${env}) refused the request (HTTP ${status}).`, { message: log });
}

function environmentLabel(instanceUrl: string): string {
  return instanceUrl.replace(/\/+$/, '');
}
