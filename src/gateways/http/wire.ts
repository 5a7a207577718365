/** Tolerant readers for JSON from the wire: a missing or mistyped field gets a neutral value, never a crash. */
export type WireObject = Record<string, unknown>;

export function isRecord(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** null for a missing, mistyped or empty string. */
export const strOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
export const num = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);
export const record = (value: unknown): WireObject => (isRecord(value) ? value : {});
export const records = (value: unknown): WireObject[] => (Array.isArray(value) ? value.filter(isRecord) : []);
export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
