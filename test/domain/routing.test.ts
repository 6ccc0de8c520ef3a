import { expect } from 'chai';
import { findMunicipality, normaliseName, routeCase, type RoutingData } from '../../src/domain/routing.js';
import { readOrganisationSeed } from '../../src/store/seed-files.js';

/** Every municipality of Varsinais-Suomi: Statistics Finland code, name, Swedish name, team, region. */
const EXPECTED: [string, string, string | null, string, string][] = [
  ['019', 'Aura', null, 'poytya-aura', 'loimaan-seutu'],
  ['202', 'Kaarina', 'S:t Karins', 'kaarina-paimio-sauvo', 'turun-seutu'],
  ['322', 'Kemiönsaari', 'Kimitoön', 'parainen-kemionsaari', 'aboland-turunmaa'],
  ['284', 'Koski Tl', 'Koskis', 'loimaa', 'loimaan-seutu'],
  ['304', 'Kustavi', 'Gustavs', 'uusikaupunki-vakka', 'vakka-suomi'],
  ['400', 'Laitila', 'Letala', 'uusikaupunki-vakka', 'vakka-suomi'],
  ['423', 'Lieto', 'Lundo', 'lieto-nousiainen-mynamaki', 'turun-seutu'],
  ['430', 'Loimaa', null, 'loimaa', 'loimaan-seutu'],
  ['480', 'Marttila', 'S:t Mårtens', 'loimaa', 'loimaan-seutu'],
  ['481', 'Masku', 'Masko', 'raisio-naantali-rusko-masku', 'turun-seutu'],
  ['503', 'Mynämäki', 'Virmo', 'lieto-nousiainen-mynamaki', 'turun-seutu'],
  ['529', 'Naantali', 'Nådendal', 'raisio-naantali-rusko-masku', 'turun-seutu'],
  ['538', 'Nousiainen', 'Nousis', 'lieto-nousiainen-mynamaki', 'turun-seutu'],
  ['561', 'Oripää', null, 'loimaa', 'loimaan-seutu'],
  ['577', 'Paimio', 'Pemar', 'kaarina-paimio-sauvo', 'turun-seutu'],
  ['445', 'Parainen', 'Pargas', 'parainen-kemionsaari', 'aboland-turunmaa'],
  ['631', 'Pyhäranta', null, 'uusikaupunki-vakka', 'vakka-suomi'],
  ['636', 'Pöytyä', 'Pöytis', 'poytya-aura', 'loimaan-seutu'],
  ['680', 'Raisio', 'Reso', 'raisio-naantali-rusko-masku', 'turun-seutu'],
  ['704', 'Rusko', null, 'raisio-naantali-rusko-masku', 'turun-seutu'],
  ['734', 'Salo', null, 'salo-somero', 'salon-seutu'],
  ['738', 'Sauvo', 'Sagu', 'kaarina-paimio-sauvo', 'turun-seutu'],
  ['761', 'Somero', null, 'salo-somero', 'salon-seutu'],
  ['833', 'Taivassalo', 'Tövsala', 'uusikaupunki-vakka', 'vakka-suomi'],
  ['853', 'Turku', 'Åbo', 'turku-keskusta', 'turun-seutu'],
  ['895', 'Uusikaupunki', 'Nystad', 'uusikaupunki-vakka', 'vakka-suomi'],
  ['918', 'Vehmaa', 'Vemo', 'uusikaupunki-vakka', 'vakka-suomi'],
];

describe('routing', () => {
  let data: RoutingData;

  before(async () => {
    data = { municipalities: (await readOrganisationSeed()).municipalities };
  });

  describe('#routeCase', () => {
    it('should know exactly the 27 municipalities of Varsinais-Suomi', () => {
      // given the seed data

      // when
      const codes = data.municipalities.map((m) => m.code).sort();

      // then
      expect(codes).to.deep.equal(EXPECTED.map(([code]) => code).sort());
    });

    for (const [code, name, swedishName, teamId, regionId] of EXPECTED) {
      it(`should route ${name} (${code}) to ${teamId} in ${regionId}, by code and by name`, () => {
        // given the code, the Finnish name in odd letter case and the Swedish name
        const queries = [code, name.toUpperCase(), ` ${name.toLowerCase()} `, ...(swedishName ? [swedishName] : [])];

        // when
        const results = queries.map((q) => routeCase(q, data));

        // then
        for (const result of results) expect(result).to.deep.equal({ ok: true, municipalityCode: code, teamId, regionId, byHint: false });
      });
    }

    it('should accept a numeric code without leading zeros', () => {
      // given Aura's code 019 as a number from a form
      const query = 19;

      // when
      const result = routeCase(query, data);

      // then
      expect(result).to.include({ ok: true, municipalityCode: '019', teamId: 'poytya-aura' });
    });

    it('should accept Swedish names in any letter case', () => {
      // given
      const queries = ['åbo', 'PARGAS', 'kimitoön', 'Nystad', 'nådendal', 's:t karins', 'Reso', 'lundo'];

      // when
      const codes = queries.map((q) => findMunicipality(q, data.municipalities)?.code);

      // then
      expect(codes).to.deep.equal(['853', '445', '322', '895', '529', '202', '680', '423']);
    });

    it('should route Turku to another Turku team when the intake names it', () => {
      // given
      const hint = 'turku-ita';

      // when
      const result = routeCase('Turku', data, { teamHint: hint });

      // then
      expect(result).to.deep.equal({ ok: true, municipalityCode: '853', teamId: 'turku-ita', regionId: 'turun-seutu', byHint: true });
    });

    it('should ignore a hint naming a team that does not serve the municipality', () => {
      // given Salo's team named for a Turku case, and a Turku team named for Kaarina
      const turku = routeCase('853', data, { teamHint: 'salo-somero' });
      const kaarina = routeCase('202', data, { teamHint: 'turku-ita' });

      // when / then
      expect(turku).to.include({ teamId: 'turku-keskusta', byHint: false });
      expect(kaarina).to.include({ teamId: 'kaarina-paimio-sauvo', byHint: false });
    });

    it('should fail with UNKNOWN_MUNICIPALITY for a municipality outside the county or nonsense', () => {
      // given Helsinki (091), Tampere and an empty string
      const queries = ['091', 'Tampere', '', '8530', 'Turku keskusta'];

      // when
      const results = queries.map((q) => routeCase(q, data));

      // then
      for (const result of results) expect(result).to.deep.equal({ ok: false, reason: 'UNKNOWN_MUNICIPALITY' });
    });
  });

  describe('#normaliseName', () => {
    it('should fold case, dots, blanks and Unicode composition but keep Finnish letters', () => {
      // given a decomposed "Pöytyä" (o + combining diaeresis) and a dotted abbreviation
      const decomposed = 'Po\u0308ytya\u0308';

      // when
      const names = [normaliseName(decomposed), normaliseName('  Koski  Tl. '), normaliseName('Poytya')];

      // then
      expect(names).to.deep.equal(['pöytyä', 'koski tl', 'poytya']);
    });
  });
});
