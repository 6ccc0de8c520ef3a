import { expect } from 'chai';
import { isValidHenkilotunnus } from '../../src/domain/henkilotunnus.js';

describe('henkilötunnus', () => {
  describe('#isValidHenkilotunnus', () => {
    const valid = [
      ['131052-308T', 'DVV’s example, born 1952'],
      ['010594Y9021', 'the new 1900s sign Y'],
      ['020502E902X', 'the new 2000s sign E'],
      ['291196-946V', 'a temporary number (900–999)'],
      ['290200A909M', '29 February of a leap year'],
    ];
    for (const [code, why] of valid) {
      it(`should accept ${code}: ${why}`, () => {
        expect(isValidHenkilotunnus(code)).to.equal(true);
      });
    }

    const invalid = [
      ['131052-308U', 'a wrong check character'],
      ['131052-308t', 'lower case (callers upper-case first)'],
      ['131052*308T', 'an unknown century sign'],
      ['310252-308T', 'a day that does not exist'],
      ['290201A909W', '29 February of a common year'],
      ['131052-30T', 'too short'],
      [' 131052-308T', 'surrounding blanks (callers trim first)'],
    ];
    for (const [code, why] of invalid) {
      it(`should refuse ${JSON.stringify(code)}: ${why}`, () => {
        expect(isValidHenkilotunnus(code)).to.equal(false);
      });
    }
  });
});
