import { assertLocalDate, type LocalDate } from './local-date.js';

/**
 * Conversions between instants (`Date`) and Finnish wall-clock time. Varha works in one time
 * zone, so it is named here once instead of being a parameter everywhere.
 */
export const FINNISH_TIME_ZONE = 'Europe/Helsinki';

/** A wall-clock time `HH:MM` (24-hour). */
export type LocalTime = string;

const TIME_SHAPE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: FINNISH_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** True when the string is a valid `HH:MM` time. */
export function isLocalTime(value: string): boolean {
  return TIME_SHAPE.test(value);
}

/** The Finnish calendar date of an instant. */
export function finnishDate(instant: Date): LocalDate {
  const p = wallClock(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The instant at which Finnish wall-clock time shows `time` (HH:MM or HH:MM:SS) on `date`. */
export function finnishInstant(date: LocalDate, time: string): Date {
  assertLocalDate(date);
  const [hours, minutes, seconds = 0] = time.split(':').map(Number);
  const [year, month, day] = date.split('-').map(Number);
  const asIfUtc = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  // The offset depends on the instant we are looking for; two rounds settle it, also across DST.
  const first = asIfUtc - offsetMs(new Date(asIfUtc));
  const second = asIfUtc - offsetMs(new Date(first));
  return new Date(second);
}

/** ISO 8601 with the Finnish offset, e.g. `2026-03-10T13:00:00+02:00`: readable and exact. */
export function formatFinnishIso(instant: Date): string {
  const p = wallClock(instant);
  const offsetMinutes = Math.round(offsetMs(instant) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

function offsetMs(instant: Date): number {
  const p = wallClock(instant);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

function wallClock(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}
