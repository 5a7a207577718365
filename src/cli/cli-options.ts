import { collapseSpaces, sanitise } from '../app/text';
import { invalidInput } from '../errors';

export interface ParsedOptions {
  /** The words that are not options, joined: a person, group or role name. */
  text: string;
  values: Record<string, string>;
  flags: Set<string>;
}

/** `<words> --name value --flag`: options the command does not know are refused with its usage line. */
export function parseOptions(rawArgs: readonly string[], spec: { values: readonly string[]; flags: readonly string[]; usage: string }): ParsedOptions {
  const args = rawArgs.map(sanitise);
  const words: string[] = [];
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (spec.values.includes(name)) {
      const value = collapseSpaces(inline ?? args[++i] ?? '');
      if (value === '') throw invalidInput(`${name} needs a value. Usage: ${spec.usage}`);
      values[name] = value;
    } else if (spec.flags.includes(name)) flags.add(name);
    else if (name.startsWith('--')) throw invalidInput(`Unknown option ${name}. Usage: ${spec.usage}`);
    else words.push(arg);
  }
  return { text: collapseSpaces(words.join(' ')), values, flags };
}

export function required(options: ParsedOptions, name: string, what: string, usage: string, fallback: string | null = null): string {
  const value = options.values[name] ?? fallback;
  if (!value) throw invalidInput(`Say ${what} with ${name}. Usage: ${usage}`);
  return value;
}
