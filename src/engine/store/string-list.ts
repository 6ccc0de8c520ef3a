/**
 * A JSONB list of strings as an array. Also accepts the list's JSON text (a JSONB string holding an
 * array): user tasks written before candidate lists were stored as arrays hold them that way.
 */
export function stringList(v: unknown): string[] {
  if (typeof v === 'string') {
    try {
      return stringList(JSON.parse(v));
    } catch {
      return [];
    }
  }
  return Array.isArray(v) ? v.map(String) : [];
}
