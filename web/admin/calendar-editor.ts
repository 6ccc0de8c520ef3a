import { h, replace } from '../shared/dom.js';
import { formatDateTime } from '../shared/format.js';
import type { MeetingRule, MeetingWeekday } from './admin-api.js';

const WEEKDAYS: [string, string][] = [
  ['MONDAY', 'maanantai'],
  ['TUESDAY', 'tiistai'],
  ['WEDNESDAY', 'keskiviikko'],
  ['THURSDAY', 'torstai'],
  ['FRIDAY', 'perjantai'],
];
const ORDINALS: [number, string][] = [
  [1, '1.'],
  [2, '2.'],
  [3, '3.'],
  [4, '4.'],
  [5, '5.'],
  [-1, 'viimeinen'],
];

/** A meeting calendar being edited: its element, and the rules as they stand in the form. */
export interface CalendarEditor {
  element: HTMLElement;
  rules(): MeetingRule[];
}

let editors = 0;

/**
 * Edits a meeting calendar: a list of rules, each "every n weeks from a date" or "the n-th
 * weekday(s) of the month". Controls carry `data-field="meetingCalendar.<i>.<name>"`, so the
 * API's field errors land beside them.
 */
export function calendarEditor(initial: readonly MeetingRule[], nextMeetings: readonly string[] = []): CalendarEditor {
  const prefix = `cal${++editors}`;
  const list = h('div', { class: 'rules' });
  const readers: (() => MeetingRule)[] = [];
  const draw = (rules: MeetingRule[]) => {
    readers.length = 0;
    replace(list, ...rules.map((rule, index) => ruleFieldset(rule, index, rules.length > 1)));
  };
  const current = () => readers.map((read) => read());

  function ruleFieldset(rule: MeetingRule, index: number, removable: boolean): HTMLElement {
    const id = (name: string) => `${prefix}-${index}-${name}`;
    const field = (name: string) => `meetingCalendar.${index}.${name}`;
    const kind = h(
      'select',
      { id: id('kind'), 'data-field': field('kind') },
      h('option', { value: 'EVERY_N_WEEKS' }, 'Joka n:s viikko'),
      h('option', { value: 'NTH_WEEKDAY_OF_MONTH' }, 'Kuukauden n:s viikonpäivä'),
    );
    const weekday = h(
      'select',
      { id: id('weekday'), 'data-field': field('weekday') },
      ...WEEKDAYS.map(([code, label]) => h('option', { value: code }, label)),
    );
    const time = h('input', { id: id('time'), type: 'time', 'data-field': field('time'), value: rule.time, required: true });
    const interval = h('input', {
      id: id('interval'),
      type: 'number',
      min: 1,
      max: 8,
      'data-field': field('intervalWeeks'),
      value: rule.kind === 'EVERY_N_WEEKS' ? rule.intervalWeeks : 2,
    });
    const anchor = h('input', {
      id: id('anchor'),
      type: 'date',
      'data-field': field('anchorDate'),
      value: rule.kind === 'EVERY_N_WEEKS' ? rule.anchorDate : '',
    });
    const ordinals = ORDINALS.map(([value, label]) => {
      const box = h('input', {
        type: 'checkbox',
        id: id(`ord${value}`),
        value,
        ...(rule.kind === 'NTH_WEEKDAY_OF_MONTH' && rule.ordinals.includes(value) ? { checked: true } : {}),
      });
      return { value, box, element: h('label', { class: 'inline', for: id(`ord${value}`) }, box, label) };
    });
    kind.value = rule.kind;
    weekday.value = rule.weekday;
    const weekly = h(
      'div',
      { class: 'rule-part' },
      h('div', { class: 'field' }, h('label', { for: id('interval') }, 'Viikon välein'), interval),
      h('div', { class: 'field' }, h('label', { for: id('anchor') }, 'Ensimmäinen kokous'), anchor),
    );
    const monthly = h(
      'fieldset',
      { class: 'rule-part ordinals', 'data-field': field('ordinals') },
      h('legend', {}, 'Kuukauden monesko'),
      ...ordinals.map((o) => o.element),
    );
    const showKind = () => {
      weekly.hidden = kind.value !== 'EVERY_N_WEEKS';
      monthly.hidden = kind.value === 'EVERY_N_WEEKS';
    };
    kind.addEventListener('change', showKind);
    showKind();
    readers.push(() =>
      kind.value === 'EVERY_N_WEEKS'
        ? {
            kind: 'EVERY_N_WEEKS',
            weekday: weekday.value as MeetingWeekday,
            time: time.value,
            intervalWeeks: Number(interval.value),
            anchorDate: anchor.value,
          }
        : {
            kind: 'NTH_WEEKDAY_OF_MONTH',
            weekday: weekday.value as MeetingWeekday,
            time: time.value,
            ordinals: ordinals.filter((o) => o.box.checked).map((o) => o.value),
          },
    );
    const remove = h('button', { type: 'button', class: 'link' }, `Poista sääntö ${index + 1}`);
    remove.addEventListener('click', () => draw(current().filter((_, i) => i !== index)));
    return h(
      'fieldset',
      { class: 'rule' },
      h('legend', {}, `Sääntö ${index + 1}`),
      h(
        'div',
        { class: 'rule-row' },
        h('div', { class: 'field' }, h('label', { for: id('kind') }, 'Toistuvuus'), kind),
        h('div', { class: 'field' }, h('label', { for: id('weekday') }, 'Viikonpäivä'), weekday),
        h('div', { class: 'field' }, h('label', { for: id('time') }, 'Kellonaika'), time),
      ),
      weekly,
      monthly,
      removable && remove,
    );
  }

  const add = h('button', { type: 'button' }, 'Lisää sääntö');
  add.addEventListener('click', () =>
    draw([...current(), { kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'TUESDAY', time: '13:00', ordinals: [1] }]),
  );
  draw([...initial]);
  const element = h(
    'div',
    { class: 'calendar-editor' },
    list,
    add,
    nextMeetings.length > 0 &&
      h('p', { class: 'muted next-meetings' }, `Seuraavat kokoukset: ${nextMeetings.map(formatDateTime).join(', ')}`),
  );
  return { element, rules: current };
}
