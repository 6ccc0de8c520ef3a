import type { CaseAttributes } from './case-attributes.js';
import type { LocalDate } from './local-date.js';

/**
 * The age facts the deadline rules ask about, as of the day the matter became pending: 75 years
 * reached (SHL 36 §'s 7-weekday start, "75 vuotta täyttänyt"), and under 23 or 23 reached (TervHL
 * 51 a §'s care guarantee of 14 days or 3 months). Yes/no facts only, so the engine and the rules
 * never see a birth date.
 */
export function ageAttributesOn(birthDate: LocalDate, on: LocalDate): Pick<CaseAttributes, 'ageOver75' | 'ageUnder23' | 'age23OrOver'> {
  const years = fullYearsBetween(birthDate, on);
  return { ageOver75: years >= 75, ageUnder23: years < 23, age23OrOver: years >= 23 };
}

/** Completed years from `from` to `on`: a birthday counts from its own day, 29 February's on 1 March. */
function fullYearsBetween(from: LocalDate, on: LocalDate): number {
  const years = Number(on.slice(0, 4)) - Number(from.slice(0, 4));
  return on.slice(5) < from.slice(5) ? years - 1 : years;
}
