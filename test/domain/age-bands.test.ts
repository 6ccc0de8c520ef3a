import { expect } from 'chai';
import { ageAttributesOn } from '../../src/domain/age-bands.js';
import { birthDateOf } from '../../src/domain/henkilotunnus.js';

describe('age bands (src/domain/age-bands.ts)', () => {
  it('should read the birth date a henkilötunnus carries, in every century sign, and none from a bad one', () => {
    expect(['131052-308T', '010594Y9021', '010105A9183', '311299+123X', '310252-1234', 'nonsense'].map(birthDateOf)).to.deep.equal([
      '1952-10-13',
      '1994-05-01',
      '2005-01-01',
      '1899-12-31',
      undefined,
      undefined,
    ]);
  });

  it('should count 23 and 75 as reached on the birthday itself, not the day before', () => {
    expect(ageAttributesOn('2003-12-07', '2026-12-06')).to.deep.equal({ ageOver75: false, ageUnder23: true, age23OrOver: false });
    expect(ageAttributesOn('2003-12-07', '2026-12-07')).to.deep.equal({ ageOver75: false, ageUnder23: false, age23OrOver: true });
    expect(ageAttributesOn('1951-12-07', '2026-12-06').ageOver75).to.equal(false);
    expect(ageAttributesOn('1951-12-07', '2026-12-07').ageOver75).to.equal(true);
  });
});
