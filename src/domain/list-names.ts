/** `Ann`, `Ann and Bob`, `Ann, Bob and Cy`. */
export function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `Ann, Bob, Cy and 12 more` when only the first names of `total` are shown, else as list(). */
export function listWithMore(names: readonly string[], total: number): string {
  const more = total - names.length;
  return more <= 0 ? list(names) : `${names.join(', ')} and ${more} more`;
}
