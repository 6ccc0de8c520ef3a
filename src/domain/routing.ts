import type { Municipality } from './organisation.js';

/**
 * Routing a case to the local team and the regional working group of its municipality.
 *
 * Every municipality has exactly one default team, so routing is deterministic. Turku is served by
 * four teams: its default is `turku-keskusta`, and the others (listed in the municipality's
 * `alsoServedByTeamIds`) take a case only when the intake names them in `teamHint` (the referring
 * unit knows the client's area; postal-area routing is out of scope). A hint naming a team that
 * does not serve the municipality is ignored, not an error: the case still needs a team. Admins
 * can reassign a case later (a manual routing).
 */

/** The organisation data routing needs. */
export interface RoutingData {
  municipalities: readonly Municipality[];
}

/** Where a case goes, or why it cannot be routed. */
export type RoutingResult =
  { ok: true; municipalityCode: string; teamId: string; regionId: string; byHint: boolean } | { ok: false; reason: 'UNKNOWN_MUNICIPALITY' };

/**
 * Routes by municipality, given as the official code ('853', also '19' for '019') or the name in
 * Finnish or Swedish, in any letter case ('Turku', 'ÅBO', 'koski tl').
 */
export function routeCase(municipality: string | number, data: RoutingData, options: { teamHint?: string | null } = {}): RoutingResult {
  const found = findMunicipality(municipality, data.municipalities);
  if (!found) return { ok: false, reason: 'UNKNOWN_MUNICIPALITY' };
  const hint = options.teamHint ?? null;
  const byHint = hint !== null && hint !== found.teamId && found.alsoServedByTeamIds.includes(hint);
  return { ok: true, municipalityCode: found.code, teamId: byHint ? hint : found.teamId, regionId: found.regionId, byHint };
}

/** The municipality named by a code or a Finnish or Swedish name, or undefined. */
export function findMunicipality(query: string | number, municipalities: readonly Municipality[]): Municipality | undefined {
  const text = String(query).trim();
  if (/^\d{1,3}$/.test(text)) {
    const code = text.padStart(3, '0');
    return municipalities.find((m) => m.code === code);
  }
  const wanted = normaliseName(text);
  if (wanted === '') return undefined;
  return municipalities.find(
    (m) => normaliseName(m.name) === wanted || (m.swedishName !== null && normaliseName(m.swedishName) === wanted),
  );
}

/**
 * Folds a name for comparison: Unicode NFC (so a decomposed 'ä' matches), lower case, dots
 * dropped and blanks collapsed ('Koski Tl.' = 'koski tl'). Letters such as ä, ö and å are kept:
 * they distinguish names.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('fi').replace(/\./g, '').replace(/\s+/g, ' ').trim();
}
