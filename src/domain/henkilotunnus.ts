import { isLocalDate, type LocalDate } from './local-date.js';

/**
 * The Finnish personal identity code (henkilötunnus): DDMMYY, a century sign, a three-digit
 * individual number and a check character. The check character is the remainder of the nine
 * digits DDMMYYZZZ divided by 31, written with the alphabet below (DVV's rule; G, I, O, Q and Z
 * are never used). Since 2023 the 1900s may also be marked Y, X, W, V or U, and the 2000s B–F.
 */
const SHAPE = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-FHJ-NPR-Y])$/;
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURY_BY_SIGN: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900,
  ...Object.fromEntries([...'YXWVU'].map((sign) => [sign, 1900])),
  ...Object.fromEntries([...'ABCDEF'].map((sign) => [sign, 2000])),
};

/** True for a henkilötunnus with a real birth date and the right check character (upper case). */
export function isValidHenkilotunnus(value: string): boolean {
  const match = SHAPE.exec(value);
  if (!match) return false;
  const [, day, month, year, , individual, check] = match;
  return birthDateOf(value) !== undefined && CHECK_CHARACTERS[Number(`${day}${month}${year}${individual}`) % 31] === check;
}

/**
 * The birth date a henkilötunnus carries, or undefined when it has none (wrong shape, no such
 * day). The check character is not looked at: isValidHenkilotunnus does that.
 */
export function birthDateOf(value: string): LocalDate | undefined {
  const match = SHAPE.exec(value);
  if (!match) return undefined;
  const [, day, month, year, sign] = match;
  const date = `${CENTURY_BY_SIGN[sign] + Number(year)}-${month}-${day}`;
  return isLocalDate(date) ? date : undefined;
}
