/**
 * Coded errors. Every failure the bot can explain to a person is an AppError with a
 * user-safe message; everything else becomes `internal` in toAppError() and is shown as
 * "Something went wrong (ref: …)" by the single error funnel in src/bot.
 */
export type ErrorCode =
  | 'config.invalid'
  | 'input.invalid'
  | 'input.not_found'
  | 'input.ambiguous'
  | 'auth.forbidden'
  | 'auth.tenant'
  | 'auth.token'
  | 'limit.rate'
  | 'confirm.expired'
  | 'confirm.used'
  | 'graph.throttled'
  | 'graph.failed'
  | 'graph.resync'
  | 'bap.forbidden'
  | 'bap.failed'
  | 'dataverse.forbidden'
  | 'dataverse.failed'
  | 'upstream.unavailable'
  | 'job.not_found'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly isOperational: boolean;

  constructor(code: ErrorCode, userMessage: string, options: { cause?: unknown; message?: string; isOperational?: boolean } = {}) {
    super(options.message ?? userMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.isOperational = options.isOperational ?? code !== 'internal';
  }
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('internal', 'Something went wrong.', { cause: error, message, isOperational: false });
}

export const invalidInput = (userMessage: string): AppError => new AppError('input.invalid', userMessage);
