import { randomUUID } from 'node:crypto';
import type { SimDataverse } from '../model';
import type { SimResponse } from '../types';
import { dataverseError } from './dataverse-errors';
import type { DataverseSession, ServedRequest } from './serve';

/** §10: "Batch requests can contain up to 1,000 individual requests". */
export const BATCH_LIMIT = 1000;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 412: 'Precondition Failed', 429: 'Too Many Requests',
};

interface Part {
  headers: Record<string, string>;
  content: string;
}

interface Operation {
  /** Content-ID, for change-set members that declare one. */
  contentId: string | null;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

type Item = { kind: 'request'; operation: Operation } | { kind: 'changeset'; operations: Operation[] };

type Serve = (request: ServedRequest) => SimResponse;

/**
 * POST $batch (multipart/mixed, §10, "Execute batch operations using the Web API"): parts run in order,
 * each answered in its own part of a `batchresponse_…` body. A change set (a nested multipart part) is
 * atomic and may not contain GET; its members may refer to an earlier member's new row as `$<Content-ID>`.
 * By default the batch stops at the first failure and answers 400 with the parts so far; with `Prefer:
 * odata.continue-on-error` every part runs and the batch answers 200. More than 1,000 requests: 400 (the
 * code and wording are UNVERIFIED, documented). The batch is one request to the service-protection limits.
 */
export function handleBatch(rawBody: string | undefined, headers: Record<string, string>, session: DataverseSession, serve: Serve): SimResponse {
  const boundary = boundaryOf(headers['content-type']);
  const parts = boundary && rawBody !== undefined ? splitMultipart(rawBody, boundary) : null;
  if (!parts) return dataverseError(400, '0x80060888', 'The batch request must be multipart/mixed with a boundary, and its body must use that boundary.');
  let items: Item[];
  try {
    items = parts.map(readItem);
  } catch (error) {
    return dataverseError(400, '0x80060888', (error as Error).message);
  }
  const count = items.reduce((sum, item) => sum + (item.kind === 'request' ? 1 : item.operations.length), 0);
  if (count > BATCH_LIMIT) return dataverseError(400, '0x80060888', `The batch contains ${count} requests; a batch can contain at most ${BATCH_LIMIT}.`);
  const continueOnError = /odata\.continue-on-error/i.test(headers.prefer ?? '');
  const answers: string[] = [];
  let failed = false;
  for (const item of items) {
    const answer = item.kind === 'request' ? runAlone(item.operation, session, serve) : runChangeSet(item.operations, session, serve);
    answers.push(answer.text);
    if (answer.failed && !continueOnError) {
      failed = true;
      break;
    }
  }
  const responseBoundary = `batchresponse_${randomUUID()}`;
  const responseHeaders: Record<string, string> = { 'content-type': `multipart/mixed; boundary=${responseBoundary}`, 'odata-version': '4.0' };
  if (continueOnError) responseHeaders['preference-applied'] = 'odata.continue-on-error';
  return { status: failed ? 400 : 200, headers: responseHeaders, body: multipart(responseBoundary, answers) };
}

function runAlone(operation: Operation, session: DataverseSession, serve: Serve): { text: string; failed: boolean } {
  const response = execute(operation, new Map(), session, serve);
  return { text: httpPart(response, null), failed: response.status >= 400 };
}

/** All or nothing: a failure restores the rows as they were and answers with that failure alone. */
function runChangeSet(operations: Operation[], session: DataverseSession, serve: Serve): { text: string; failed: boolean } {
  const restore = rememberWritable(session.dataverse);
  const created = new Map<string, string>();
  const answers: string[] = [];
  for (const operation of operations) {
    const response = operation.method === 'GET'
      ? dataverseError(400, '0x80060888', 'A change set cannot contain a GET request.')
      : execute(operation, created, session, serve);
    if (response.status >= 400) {
      restore();
      return { text: httpPart(response, operation.contentId), failed: true };
    }
    const location = response.headers?.['odata-entityid'];
    if (operation.contentId && location) created.set(operation.contentId, location.slice(session.base.length));
    answers.push(httpPart(response, operation.contentId));
  }
  const boundary = `changesetresponse_${randomUUID()}`;
  return { text: `Content-Type: multipart/mixed; boundary=${boundary}\r\n\r\n${multipart(boundary, answers)}`, failed: false };
}

/**
 * What the writes change (users' roles and business unit, teams' roles and members, new teams), kept so a
 * failed change set can put it back; the rows stay the same objects.
 */
function rememberWritable(dataverse: SimDataverse): () => void {
  const users = dataverse.systemUsers.map((user) => ({ user, roleIds: [...user.roleIds], businessUnitId: user.businessUnitId }));
  const teams = dataverse.teams.map((team) => ({ team, roleIds: [...team.roleIds], memberIds: [...team.memberIds] }));
  return () => {
    for (const saved of users) {
      saved.user.roleIds.splice(0, saved.user.roleIds.length, ...saved.roleIds);
      saved.user.businessUnitId = saved.businessUnitId;
    }
    for (const saved of teams) {
      saved.team.roleIds.splice(0, saved.team.roleIds.length, ...saved.roleIds);
      saved.team.memberIds.splice(0, saved.team.memberIds.length, ...saved.memberIds);
    }
    dataverse.teams.splice(teams.length);
  };
}

function execute(operation: Operation, created: Map<string, string>, session: DataverseSession, serve: Serve): SimResponse {
  const target = resolveUrl(operation.url, created, session.base);
  if ('error' in target) return dataverseError(400, '0x80060888', target.error);
  if (target.path === '$batch') return dataverseError(400, '0x80060888', 'A batch cannot contain another batch.');
  let body: unknown;
  if (operation.body.trim() !== '') {
    try {
      body = JSON.parse(operation.body) as unknown;
    } catch (error) {
      return dataverseError(400, '0x80040333', `Invalid JSON in request body: ${(error as Error).message}`);
    }
  }
  const [path, search = ''] = target.path.split('?', 2) as [string, string?];
  return serve({ method: operation.method, resourcePath: decodeURIComponent(path), query: new URLSearchParams(search), headers: operation.headers, body });
}

/** Absolute (`https://org…/api/data/v9.2/…`), rooted (`/api/data/v9.2/…`), relative, or `$1/…` for a change set's earlier row. */
function resolveUrl(url: string, created: Map<string, string>, base: string): { path: string } | { error: string } {
  const reference = /^\$(\w+)(.*)$/.exec(url);
  if (reference) {
    const row = created.get(reference[1] ?? '');
    return row ? { path: `${row}${reference[2] ?? ''}` } : { error: `Content-ID Reference: '$${reference[1] ?? ''}' does not exist in the batch context.` };
  }
  const path = url.replace(/^https?:\/\/[^/]+/i, '');
  const rooted = /^\/(?:[^/]+\/)?api\/data\/v9\.[0-2]\/(.*)$/.exec(path);
  if (rooted) return { path: rooted[1] ?? '' };
  if (url.startsWith(base)) return { path: url.slice(base.length) };
  return path.startsWith('/') ? { error: `The URL '${url}' is not below this organization's Web API.` } : { path };
}

function readItem(part: Part): Item {
  const type = part.headers['content-type'] ?? '';
  if (/^multipart\/mixed/i.test(type)) {
    const boundary = boundaryOf(type);
    const members = boundary ? splitMultipart(part.content, boundary) : null;
    if (!members) throw new Error('A change set must be multipart/mixed with its own boundary.');
    return { kind: 'changeset', operations: members.map(readOperation) };
  }
  return { kind: 'request', operation: readOperation(part) };
}

function readOperation(part: Part): Operation {
  if (!/^application\/http/i.test(part.headers['content-type'] ?? '')) throw new Error('Each part of a batch must be Content-Type: application/http.');
  const lines = part.content.split(/\r?\n/);
  const requestLine = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)\s+HTTP\/1\.1$/i.exec((lines[0] ?? '').trim());
  if (!requestLine) throw new Error(`Each part must start with a request line such as 'POST /api/data/v9.2/… HTTP/1.1', not '${lines[0] ?? ''}'.`);
  const { headers, rest } = readHeaders(lines.slice(1));
  return { contentId: part.headers['content-id'] ?? null, method: (requestLine[1] as string).toUpperCase(), url: requestLine[2] as string, headers, body: rest.join('\r\n') };
}

function readHeaders(lines: string[]): { headers: Record<string, string>; rest: string[] } {
  const headers: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length && (lines[i] ?? '').trim() !== ''; i += 1) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, rest: lines.slice(i + 1) };
}

/** The parts between `--boundary` lines up to `--boundary--`; null when the body does not use the boundary. */
function splitMultipart(body: string, boundary: string): Part[] | null {
  const lines = body.split(/\r?\n/);
  const delimiter = `--${boundary}`;
  const parts: Part[] = [];
  let current: string[] | null = null;
  let closed = false;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(toPart(current));
      current = trimmed === delimiter ? [] : null;
      if (trimmed !== delimiter) {
        closed = true;
        break;
      }
      continue;
    }
    current?.push(line);
  }
  return closed ? parts : null;
}

function toPart(lines: string[]): Part {
  const { headers, rest } = readHeaders(lines);
  while (rest.length > 0 && (rest[rest.length - 1] ?? '').trim() === '') rest.pop();
  return { headers, content: rest.join('\r\n') };
}

function boundaryOf(contentType: string | undefined): string | null {
  const match = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function httpPart(response: SimResponse, contentId: string | null): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId) lines.push(`Content-ID: ${contentId}`);
  lines.push('', `HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? ''}`.trimEnd());
  for (const [name, value] of Object.entries(response.headers ?? {})) lines.push(`${headerName(name)}: ${value}`);
  const hasBody = response.body !== undefined && response.status !== 204;
  if (hasBody) lines.push('Content-Type: application/json; odata.metadata=minimal; odata.streaming=true');
  lines.push('');
  if (hasBody) lines.push(typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
  return lines.join('\r\n');
}

function headerName(name: string): string {
  if (name === 'odata-entityid') return 'OData-EntityId';
  if (name === 'odata-version') return 'OData-Version';
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}

function multipart(boundary: string, parts: string[]): string {
  return `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`;
}
