import { isObject } from '../config';
import { graphError } from '../surface-errors';
import type { SimRequest, SimResponse } from '../types';
import type { GraphContext } from './context';
import { badRequest } from './errors';
import { handleGraph } from './index';

const MAX_BATCH = 20;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

/**
 * POST /$batch. Items run one after another in request order (dependsOn is honoured; a failed
 * dependency gives 424). Each item is counted and throttled on its own via ctx.admitBatchItem.
 */
export async function batch(req: SimRequest, ctx: GraphContext): Promise<SimResponse> {
  const parsed = parseBatch(req);
  if (typeof parsed === 'string') return badRequest(req, parsed);
  const statusById = new Map<string, number>();
  const responses: Record<string, unknown>[] = [];
  for (const item of parsed) {
    const failedDep = item.dependsOn.find((d) => (statusById.get(d) ?? 0) >= 400);
    const response = failedDep !== undefined ? graphError(424, 'FailedDependency', `The request depends on request '${failedDep}', which failed.`) : await runItem(req, ctx, item);
    statusById.set(item.id, response.status);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers ?? {})) if (k !== 'request-id' && k !== 'client-request-id') headers[k === 'retry-after' ? 'Retry-After' : k] = v;
    if (response.body !== undefined) headers['Content-Type'] = 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
    responses.push({ id: item.id, status: response.status, headers, ...(response.body !== undefined ? { body: response.body } : {}) });
  }
  return { status: 200, body: { responses } };
}

async function runItem(outer: SimRequest, ctx: GraphContext, item: BatchItem): Promise<SimResponse> {
  if (/^[a-z]+:\/\//i.test(item.url)) return badRequest(outer, `Only relative URLs are supported in a batch request: '${item.url}'.`);
  const url = new URL(item.url.startsWith('/') ? item.url : `/${item.url}`, 'http://batch.invalid');
  const path = `/v1.0${url.pathname}`;
  if (/\/\$batch$/i.test(url.pathname)) return badRequest(outer, 'A batch request cannot contain another batch request.');
  const throttled = ctx.admitBatchItem(item.method, path, outer.headers['client-request-id']);
  if (throttled) return throttled;
  const headers: Record<string, string> = { authorization: outer.headers.authorization ?? '' };
  for (const [k, v] of Object.entries(item.headers)) headers[k.toLowerCase()] = v;
  return handleGraph({ method: item.method, path, query: url.searchParams, headers, body: item.body, token: outer.token }, ctx);
}

function parseBatch(req: SimRequest): BatchItem[] | string {
  const requests = isObject(req.body) ? req.body.requests : undefined;
  if (!Array.isArray(requests)) return "Invalid batch payload format: the body must be { \"requests\": [...] }.";
  if (requests.length > MAX_BATCH) return `The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH}.`;
  const items: BatchItem[] = [];
  const ids = new Set<string>();
  for (const [i, r] of requests.entries()) {
    if (!isObject(r)) return `Invalid batch payload format: requests[${i}] must be an object.`;
    const { id, method, url, headers, body, dependsOn } = r;
    if (typeof id !== 'string' || id === '') return `Invalid batch payload format: requests[${i}].id is required.`;
    if (ids.has(id)) return `Request Id '${id}' is duplicated; ids in a batch must be unique.`;
    if (typeof method !== 'string' || !METHODS.includes(method.toUpperCase())) return `Invalid batch payload format: requests[${i}].method is missing or invalid.`;
    if (typeof url !== 'string' || url === '') return `Invalid batch payload format: requests[${i}].url is required.`;
    if (headers !== undefined && (!isObject(headers) || !Object.values(headers).every((v) => typeof v === 'string'))) return `Invalid batch payload format: requests[${i}].headers must be an object of strings.`;
    const headerMap = (headers ?? {}) as Record<string, string>;
    if (body !== undefined && !Object.keys(headerMap).some((h) => h.toLowerCase() === 'content-type')) {
      return `Content-Type header must be specified when a body is present (request '${id}').`;
    }
    if (dependsOn !== undefined && (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string' && ids.has(d)))) {
      return `Invalid dependsOn in request '${id}': it must list ids of earlier requests in the same batch.`;
    }
    ids.add(id);
    items.push({ id, method: method.toUpperCase(), url, headers: headerMap, body, dependsOn: (dependsOn as string[] | undefined) ?? [] });
  }
  return items;
}
