import { invalidInput } from '../../errors';
import { isEnvironmentId, isGuid } from '../../ids';

/** Validators for untrusted card data: anything else is refused before it reaches a query. */
export function text(data: Record<string, unknown>, key: string, label: string, max = 200): string {
  const value = data[key];
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(`Please fill in the ${label}.`);
  if (value.length > max) throw invalidInput(`The ${label} is too long (at most ${max} characters).`);
  return value.trim();
}

export function optionalText(data: Record<string, unknown>, key: string, label: string): string | null {
  const value = data[key];
  if (value === undefined || value === null || value === '') return null;
  return text(data, key, label);
}

export function guid(data: Record<string, unknown>, key: string, label: string): string {
  const value = data[key];
  if (typeof value !== 'string' || !isGuid(value)) throw invalidInput(`This button is missing a valid ${label}. Run the check again.`);
  return value;
}

/** BAP environment names are GUIDs or Default-{tenant GUID}. */
export function environmentId(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  if (typeof value !== 'string' || !isEnvironmentId(value)) {
    throw invalidInput('This button is missing a valid environment. Run the check again.');
  }
  return value;
}
