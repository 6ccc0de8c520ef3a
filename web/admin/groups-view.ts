import { h } from '../shared/dom.js';
import { formatDateTime } from '../shared/format.js';
import { listRegions, saveRegionCalendar, type Region } from './admin-api.js';
import { calendarEditor } from './calendar-editor.js';
import { saveOnSubmit } from '../shared/form-feedback.js';

/** The five regional working groups and their meeting calendars. */
export async function groupsView(): Promise<HTMLElement> {
  const regions = await listRegions();
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'lead' },
      'Alueellisten päihdekuntoutustyöryhmien kokousaikataulut. Jo varatut kokoukset pysyvät ennallaan; uudet varaukset noudattavat uutta aikataulua.',
    ),
    ...regions.map((region) => regionForm(region)),
  );
}

/** The group's load per meeting: whether its calendar fits its caseload. */
function loadLine(region: Region): HTMLElement {
  const { weeks, meetings, cases, casesPerMeeting, booked } = region.meetingLoad;
  const average =
    casesPerMeeting === null
      ? `Ei kokouksia viimeisten ${weeks} viikon aikana.`
      : `Kuormitus: ${casesPerMeeting.toLocaleString('fi-FI')} asiaa kokousta kohden viimeisten ${weeks} viikon aikana (${cases} asiaa, ${meetings} kokousta).`;
  const coming =
    booked.length === 0
      ? ''
      : ` Varattu seuraaviin kokouksiin: ${booked.map((b) => `${formatDateTime(b.startsAt)} ${b.cases}`).join(', ')}.`;
  return h('p', { class: 'meeting-load' }, average + coming);
}

function regionForm(region: Region, message = ''): HTMLElement {
  const editor = calendarEditor(region.meetingCalendar, region.nextMeetings);
  const status = h('p', { class: 'status', 'aria-live': 'polite' }, message && h('span', { class: 'saved' }, message));
  const save = h('button', { type: 'submit', class: 'primary' }, 'Tallenna aikataulu');
  const form = h(
    'form',
    { class: 'panel', 'aria-label': region.groupName, 'data-region': region.id },
    h('h2', {}, region.groupName),
    h('p', { class: 'muted' }, region.name),
    loadLine(region),
    editor.element,
    h('div', { class: 'actions' }, save, status),
  );
  saveOnSubmit(form, status, save, async () => {
    // Redrawn from the saved calendar, so its next meetings are the ones now in force.
    const saved = await saveRegionCalendar(region.id, editor.rules());
    form.replaceWith(regionForm(saved, 'Tallennettu.'));
    return 'Tallennettu.';
  });
  return form;
}
