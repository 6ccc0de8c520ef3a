import flatpickr from 'flatpickr';
import { Finnish } from 'flatpickr/dist/l10n/fi.js';

/** form-js's own texts in Finnish; form-js runs every text through its `translate` service. */
const FINNISH: Readonly<Record<string, string>> = {
  'Field is required.': 'Kenttä on pakollinen.',
  'Field must be a valid email.': 'Anna kelvollinen sähköpostiosoite.',
  'Field must be a valid international phone number. (e.g. +4930664040900)':
    'Anna puhelinnumero kansainvälisessä muodossa (esim. +358401234567).',
  'Field must have maximum length of {value}.': 'Enintään {value} merkkiä.',
  'Field must have maximum value of {value}.': 'Suurin sallittu arvo on {value}.',
  'Field must have minimum length of {value}.': 'Vähintään {value} merkkiä.',
  'Field must have minimum value of {value}.': 'Pienin sallittu arvo on {value}.',
  'Field must match pattern {value}.': 'Arvo ei ole oikeaa muotoa ({value}).',
  'Date and time must both be entered.': 'Anna sekä päivämäärä että kellonaika.',
  'Value is expected to be an integer.': 'Anna kokonaisluku.',
  'Value is expected to have at most 1 decimal digit.': 'Enintään yksi desimaali.',
  'Value is expected to have at most {value} decimal digits.': 'Enintään {value} desimaalia.',
  'Value is not a number.': 'Arvo ei ole luku.',
  'Please select a valid value, the two nearest valid values are {previousValue} and {nextValue}.':
    'Valitse kelvollinen arvo; lähimmät ovat {previousValue} ja {nextValue}.',
  Increment: 'Suurenna',
  Decrement: 'Pienennä',
  Search: 'Hae',
  'No results': 'Ei tuloksia',
  'Remove tag': 'Poista valinta',
  'All values selected': 'Kaikki arvot valittu',
  'Add new': 'Lisää uusi',
  Collapse: 'Pienennä',
  'Expand all ({value})': 'Näytä kaikki ({value})',
  'Next page': 'Seuraava sivu',
  'Previous page': 'Edellinen sivu',
  '{page} of {total}': '{page} / {total}',
  'Nothing to show.': 'Ei näytettävää.',
  'No content to show.': 'Ei sisältöä.',
};

function translate(template: string, replacements: Record<string, string> = {}): string {
  return (FINNISH[template] ?? template).replace(/{([^}]+)}/g, (_, key: string) => replacements[key] ?? `{${key}}`);
}

/** A form-js module that replaces its `translate` service. */
export const FinnishFormTexts = { translate: ['value', translate] };

/** The date picker inside form-js (flatpickr, one shared instance): Finnish month and weekday names, weeks from Monday. */
export function useFinnishDatePicker(): void {
  flatpickr.localize(Finnish);
}
