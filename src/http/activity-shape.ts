/**
 * What POST /api/messages must carry before it reaches the adapter: a JSON object with a
 * non-empty string `type`. botbuilder checks the same but throws on a missing type, which
 * restify turns into a 500. Returns the reason for a 400, or null when the body has that shape.
 */
export function activityShapeProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object (a Bot Framework activity).';
  const type = (body as Record<string, unknown>).type;
  if (typeof type !== 'string' || type.trim() === '') return 'The activity has no "type" (e.g. "message" or "invoke").';
  return null;
}
