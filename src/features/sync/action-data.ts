import { invalidInput } from '../../errors';
import { JOB_ID_PATTERN } from '../../jobs/job-store';

/** A string field of untrusted card data, checked against `pattern`. */
export function field(data: Record<string, unknown>, name: string, pattern: RegExp, what: string): string {
  const value = data[name];
  if (typeof value !== 'string' || !pattern.test(value)) throw invalidInput(`This button carries no valid ${what}. Please start again.`);
  return value;
}

export function jobIdField(data: Record<string, unknown>): string {
  return field(data, 'jobId', JOB_ID_PATTERN, 'job id');
}

/** Page numbers from 1 to 100,000 (2.5 million members at 25 a page). */
export function pageField(data: Record<string, unknown>): number {
  return Number(field(data, 'page', /^[1-9]\d{0,4}$/, 'page number'));
}

