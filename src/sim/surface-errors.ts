import { randomUUID } from 'node:crypto';
import type { ApiSurface } from './stats';
import type { SimResponse, SurfaceLimits } from './types';

/** Graph's error envelope (§4.9). `clientRequestId` echoes the caller's client-request-id header. */
export function graphError(status: number, code: string, message: string, clientRequestId?: string): SimResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId },
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId },
      },
    },
  };
}

export function apiError(surface: ApiSurface, status: number, code: string, message: string, clientRequestId?: string): SimResponse {
  if (surface === 'graph') return graphError(status, code, message, clientRequestId);
  return { status, body: { error: { code, message } } };
}

/** 429 bodies: Graph §4.9, Dataverse service protection §3.6, BAP UNVERIFIED. */
export function throttledResponse(surface: ApiSurface, reason: 'concurrency' | 'rate' | 'random', limits: SurfaceLimits, clientRequestId?: string): SimResponse {
  const retryAfter = { 'retry-after': String(limits.retryAfterSeconds) };
  let response: SimResponse;
  if (surface === 'graph') response = graphError(429, 'TooManyRequests', 'Too many requests', clientRequestId);
  else if (surface === 'bap' || surface === 'powerApps') {
    response = apiError(surface, 429, 'TooManyRequests', `Rate limit is exceeded. Try again in ${limits.retryAfterSeconds} seconds.`);
  } else if (reason === 'concurrency') {
    response = apiError('dataverse', 429, '0x80072326', `Number of concurrent requests exceeded the limit of ${limits.maxConcurrent}.`);
  } else {
    const windowBudget = limits.requestsPerSecond > 0 ? Math.round(limits.requestsPerSecond * 300) : 6000;
    response = apiError('dataverse', 429, '0x80072322', `Number of requests exceeded the limit of ${windowBudget} over time window of 300 seconds.`);
  }
  return { ...response, headers: { ...response.headers, ...retryAfter } };
}

/** Random 503s (UNVERIFIED bodies for all three services). */
export function unavailableResponse(surface: ApiSurface, limits: SurfaceLimits, clientRequestId?: string): SimResponse {
  const response =
    surface === 'graph'
      ? graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please try again later.', clientRequestId)
      : surface === 'bap' || surface === 'powerApps'
        ? apiError(surface, 503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please try again later.')
        : apiError('dataverse', 503, '0x80040216', 'The service is temporarily unavailable. Please try again later.');
  return { ...response, headers: { ...response.headers, 'retry-after': String(limits.retryAfterSeconds) } };
}
