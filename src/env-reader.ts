const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads keys and collects every problem, so one error can list them all. */
export class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  text(key: string): string | null {
    const value = this.env[key]?.trim();
    return value ? value : null;
  }

  required(key: string, why: string): string {
    const value = this.text(key);
    if (value === null) this.problems.push(`${key} is missing (${why})`);
    return value ?? '';
  }

  guid(key: string): string | null {
    const value = this.text(key);
    if (value !== null && !GUID.test(value)) this.problems.push(`${key} must be a GUID like 00000000-0000-0000-0000-000000000000, got "${value}"`);
    return value;
  }

  integer(key: string, fallback: number, min: number, max: number): number {
    const value = this.text(key);
    if (value === null) return fallback;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${key} must be a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return n;
  }

  boolean(key: string): boolean {
    const value = this.text(key)?.toLowerCase();
    if (value === undefined) return false;
    if (value === 'true' || value === '1') return true;
    if (value !== 'false' && value !== '0') this.problems.push(`${key} must be true or false, got "${value}"`);
    return false;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.text(key);
    if (value === null) return fallback;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (!match) this.problems.push(`${key} must be one of ${allowed.join(', ')}, got "${value}"`);
    return match ?? fallback;
  }

  /** The value if it matches `pattern` (described for people as `shape`), else the fallback. */
  matching(key: string, pattern: RegExp, shape: string, fallback: string): string {
    const value = this.text(key);
    if (value === null) return fallback;
    if (pattern.test(value)) return value;
    this.problems.push(`${key} must be ${shape}, got "${value}"`);
    return fallback;
  }

  url(key: string, fallback: string | null): string | null {
    const value = this.text(key);
    if (value === null) return fallback;
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      return value.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${key} must be an http(s) URL, got "${value}"`);
      return fallback;
    }
  }
}
