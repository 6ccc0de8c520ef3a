/**
 * The API's field messages are English (they are an API's); the forms show them in Finnish.
 * Known messages by their wording; anything else keeps the API's text behind a Finnish lead.
 */
const MESSAGES: [RegExp, string][] = [
  [/not a valid henkilötunnus/, 'Henkilötunnus ei ole kelvollinen: tarkista syntymäaika, välimerkki ja tarkistusmerkki.'],
  [/must not be in the future/, 'Päivä ei voi olla tulevaisuudessa.'],
  [/[Nn]o municipality|unknown municipality/, 'Kuntaa ei tunneta.'],
  [/lower-case id/, 'Käytä pieniä kirjaimia a–z, numeroita ja väliviivoja, esim. "salo-ita".'],
  [/expected an id such as "p-/, 'Tunnus alkaa "p-" ja sisältää pieniä kirjaimia a–z, numeroita ja väliviivoja.'],
  [/must be 0 for role/, 'Tiimin esihenkilöllä ja konsultilla ei ole asiakkaita: kapasiteetin on oltava 0.'],
  [/calendar date/, 'Anna päivämäärä.'],
  [/time HH:MM/, 'Anna kellonaika.'],
  [/anchorDate .* is not a/, 'Ensimmäisen kokouksen on osuttava valitulle viikonpäivälle.'],
  [/is not a consultant/, 'Valitse aktiivinen riippuvuuspsykiatrian konsultti.'],
  [/is not in region/, 'Muiden tiimien on oltava samalla alueella kuin oletustiimi.'],
  [/already the default team/, 'Oletustiimi ei voi olla myös muu tiimi.'],
  [/listed once/, 'Tiimi on valittu kahdesti.'],
  [/^no team/, 'Tiimiä ei ole.'],
  [/^no region/, 'Aluetta ei ole.'],
  [/Too small|>=/, 'Arvo on liian pieni.'],
  [/Too big|<=/, 'Arvo on liian suuri.'],
  [/at least 1|>=1 items|too_small/, 'Valitse vähintään yksi.'],
  [/[Rr]equired/, 'Pakollinen tieto.'],
];

export function finnishFieldMessage(detail: string): string {
  return MESSAGES.find(([pattern]) => pattern.test(detail))?.[1] ?? `Tarkista arvo (${detail}).`;
}
