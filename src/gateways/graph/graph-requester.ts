import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { AppError } from '../../errors';
import { isRecord } from '../http/wire';
import { GraphCallState } from './graph-call-state';
import { graphError, isGraphStatus } from './graph-errors';
import { GraphWriteError } from './write-errors';

export type GraphBody = Record<string, unknown>;

/** Thin layer over the Graph client: relative paths or same-origin absolute links, coded errors. */
export interface GraphRequester {
  get(pathOrLink: string): Promise<GraphBody>;
  /** 404 → null */
  getOrNull(pathOrLink: string): Promise<GraphBody | null>;
  /** `tolerate` turns a Graph error into success (e.g. "already exists" when adding a reference). */
  post(path: string, body: unknown, tolerate?: (error: GraphError) => boolean): Promise<void>;
  /**
   * A change (POST with a body, or DELETE) whose refusal the caller explains: a 4xx answer from Graph (not 401 or
   * 429) throws GraphWriteError with Graph's code and message, and a 403 names `permission`, the one the call needs.
   */
  write(method: 'POST' | 'DELETE', path: string, body: unknown, permission: string): Promise<void>;
  /** Every page of a collection, following @odata.nextLink verbatim. */
  pages(pathOrLink: string): AsyncGenerator<GraphBody>;
  /** The directoryObjects URL Graph expects in an @odata.id reference. */
  directoryObjectUrl(id: string): string;
}

export function createGraphRequester(client: Client, baseUrl: string): GraphRequester {
  const base = baseUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;

  const run = async <T>(pathOrLink: string, send: (path: string, state: GraphCallState) => Promise<T>): Promise<T> => {
    const absolute = /^https?:\/\//i.test(pathOrLink);
    if (absolute && new URL(pathOrLink).origin !== origin) {
      // A link to another host would receive our Graph token: refuse it.
      throw new AppError('graph.failed', 'Microsoft Graph returned a link the bot will not follow.', { message: `Refused off-origin Graph link ${new URL(pathOrLink).origin}` });
    }
    const state = new GraphCallState(absolute ? pathOrLink : undefined);
    try {
      return await send(absolute ? '/' : pathOrLink, state);
    } catch (error) {
      // Graph's own answers stay raw for the caller to inspect; local failures are mapped here.
      throw error instanceof GraphError && state.failure === undefined ? error : graphError(error, state.failure);
    }
  };

  const get = (pathOrLink: string): Promise<GraphBody> =>
    run(pathOrLink, async (path, state) => {
      const body: unknown = await client.api(path).middlewareOptions([state]).get();
      return isRecord(body) ? body : {};
    });

  return {
    async get(pathOrLink) {
      try {
        return await get(pathOrLink);
      } catch (error) {
        throw graphError(error, undefined);
      }
    },
    async getOrNull(pathOrLink) {
      try {
        return await get(pathOrLink);
      } catch (error) {
        if (isGraphStatus(error, 404)) return null;
        throw graphError(error, undefined);
      }
    },
    async post(path, body, tolerate) {
      try {
        await run(path, (p, state) => client.api(p).middlewareOptions([state]).post(body) as Promise<unknown>);
      } catch (error) {
        if (error instanceof GraphError && tolerate?.(error)) return;
        throw graphError(error, undefined);
      }
    },
    async write(method, path, body, permission) {
      try {
        await run(path, (p, state) => {
          const request = client.api(p).middlewareOptions([state]);
          return (method === 'DELETE' ? request.delete() : request.post(body)) as Promise<unknown>;
        });
      } catch (error) {
        if (error instanceof GraphError && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 401 && error.statusCode !== 429) {
          throw new GraphWriteError({ status: error.statusCode, code: error.code ?? '', message: error.message }, permission);
        }
        throw graphError(error, undefined);
      }
    },
    async *pages(pathOrLink) {
      for (let next: string | undefined = pathOrLink; next; ) {
        const page = await this.get(next);
        yield page;
        const link = page['@odata.nextLink'];
        next = typeof link === 'string' && link !== '' ? link : undefined;
      }
    },
    directoryObjectUrl(id) {
      return `${base}/v1.0/directoryObjects/${id}`;
    },
  };
}
