const TIME_ZONE = 'Europe/Helsinki';

const dateFormat = new Intl.DateTimeFormat('fi-FI', { timeZone: TIME_ZONE, day: 'numeric', month: 'numeric', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('fi-FI', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** 27.11.2026 in Finnish time; a dash for no date. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : '–';
}

/** 27.11.2026 klo 14.05 in Finnish time; a dash for no date. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '–';
}

/** The first block of a case id: enough to tell cases apart on screen, and no identity. */
export function shortCaseId(caseId: string): string {
  return caseId.slice(0, 8);
}
