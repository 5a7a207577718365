import { GraphError } from '@microsoft/microsoft-graph-client';
import { AppError } from '../../errors';
import { TransportError, unavailable } from '../http/http-client';

const SERVICE = 'Microsoft Graph';

/** A failed Graph call as a coded AppError: Graph's error.code goes to the log message only. */
export function graphError(error: unknown, localFailure: unknown): AppError {
  if (localFailure instanceof AppError) return localFailure;
  if (localFailure instanceof TransportError) return unavailable(SERVICE, localFailure);
  if (error instanceof AppError) return error;
  if (!(error instanceof GraphError)) return new AppError('graph.failed', 'Microsoft Graph could not be reached.', { cause: error, message: `${SERVICE}: ${String(error)}` });
  const log = `${SERVICE} answered ${error.statusCode} ${error.code ?? ''}: ${error.message}`;
  // A delta link Graph no longer honours (400 syncStateNotFound for users and groups; 410 for other
  // resources): the caller starts a new round without it.
  if (error.code === 'syncStateNotFound' || error.statusCode === 410) {
    return new AppError('graph.resync', 'Microsoft Graph lost track of changes since the last check, so the change list starts again.', { message: log });
  }
  switch (error.statusCode) {
    case 401:
      return new AppError('auth.token', "Microsoft Graph rejected the bot's access token. Check the bot's app registration and tenant id.", { message: log });
    case 403:
      return new AppError(
        'graph.failed',
        "The bot's app registration lacks a Microsoft Graph application permission it needs (User.Read.All, GroupMember.Read.All, LicenseAssignment.Read.All, RoleManagement.Read.Directory; Application.Read.All to look up applications; GroupMember.ReadWrite.All to add members). An admin must grant consent.",
        // The GraphError as cause: a caller that knows which permission its call needs can say so (isGraphStatus(error.cause, 403)).
        { message: log, cause: error },
      );
    case 429:
      return new AppError('graph.throttled', 'Microsoft Graph is throttling the bot right now. Try again in a minute.', { message: log });
    case 502:
    case 503:
    case 504:
      return new AppError('graph.failed', 'Microsoft Graph is unavailable right now. Try again in a minute.', { message: log });
    default:
      return new AppError('graph.failed', `Microsoft Graph refused the request (HTTP ${error.statusCode}).`, { message: log });
  }
}

export function isGraphStatus(error: unknown, status: number): error is GraphError {
  return error instanceof GraphError && error.statusCode === status;
}
