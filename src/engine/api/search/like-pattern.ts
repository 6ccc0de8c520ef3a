/**
 * Camunda's `$like`: `*` any run of characters, `?` one character, backslash escapes either.
 * Translated to SQL LIKE (whose escape character in PostgreSQL is the backslash).
 */
export function likePattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      out += next === '%' || next === '_' || next === '\\' ? `\\${next}` : next;
    } else if (c === '*') out += '%';
    else if (c === '?') out += '_';
    else if (c === '%' || c === '_' || c === '\\') out += `\\${c}`;
    else out += c;
  }
  return out;
}
