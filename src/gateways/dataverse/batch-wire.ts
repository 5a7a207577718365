import { randomUUID } from 'node:crypto';
import type { BatchOperation, WriteOutcome } from '../types';
import { refusalOf } from './write-errors';

/** One `$batch` request body (§10, "Execute batch operations using the Web API"): a part per operation. */
export function batchRequest(base: string, operations: readonly BatchOperation[]): { contentType: string; text: string } {
  const boundary = `batch_${randomUUID()}`;
  const parts = operations.map((operation) => {
    const { method, path, body } = wireOf(base, operation);
    return [
      `--${boundary}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `${method} ${base}${path} HTTP/1.1`,
      'Content-Type: application/json; type=entry',
      '',
      JSON.stringify(body),
    ].join('\r\n');
  });
  return { contentType: `multipart/mixed; boundary="${boundary}"`, text: `${parts.join('\r\n')}\r\n--${boundary}--\r\n` };
}

function wireOf(base: string, operation: BatchOperation): { method: 'POST' | 'PATCH'; path: string; body: Record<string, string> } {
  if (operation.kind === 'assign-role') {
    return { method: 'POST', path: `systemusers(${operation.systemUserId})/systemuserroles_association/$ref`, body: { '@odata.id': `${base}roles(${operation.roleId})` } };
  }
  return { method: 'PATCH', path: `systemusers(${operation.systemUserId})`, body: { 'businessunitid@odata.bind': `/businessunits(${operation.businessUnitId})` } };
}

/**
 * The outcome of each operation from a `batchresponse_…` body, in request order (change-set answers
 * flattened). Null when the body is not a multipart answer with `count` parts.
 */
export function batchOutcomes(contentType: string | null, text: string, count: number): WriteOutcome[] | null {
  const boundary = /boundary="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary) return null;
  const outcomes = readParts(text, boundary);
  return outcomes.length === count ? outcomes : null;
}

function readParts(text: string, boundary: string): WriteOutcome[] {
  const chunks = text.split(`--${boundary}`).slice(1);
  return chunks.flatMap((chunk) => {
    if (chunk.startsWith('--')) return [];
    const nested = /^\s*Content-Type:\s*multipart\/mixed;\s*boundary="?([^";\s]+)"?/im.exec(chunk);
    if (nested?.[1]) return readParts(chunk, nested[1]);
    const status = /^HTTP\/1\.1 (\d{3})/m.exec(chunk)?.[1];
    if (!status) return [];
    const code = Number(status);
    if (code < 400) return [{ ok: true as const }];
    return [{ ok: false as const, refusal: refusalOf(code, jsonAfterHeaders(chunk)) }];
  });
}

/** The JSON body after the status line's headers. */
function jsonAfterHeaders(chunk: string): unknown {
  const start = chunk.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(chunk.slice(start, chunk.lastIndexOf('}') + 1)) as unknown;
  } catch {
    return undefined;
  }
}

