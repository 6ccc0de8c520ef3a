import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { HENKILOTUNNUS_PATTERN } from './variable-scan.js';

describe('the variable scan’s henkilötunnus pattern', () => {
  it('should find a henkilötunnus in free text and in a JSON value', () => {
    for (const text of ['Asiakas 131052-308T soitti', '"131052-308T"', '{"hetu":"010594Y9032"}', 'syntynyt 020304A1234, ks.']) {
      expect(HENKILOTUNNUS_PATTERN.test(text), text).to.equal(true);
    }
  });

  it('should not take the hex groups of a case id for a henkilötunnus', () => {
    const matching = Array.from({ length: 50_000 }, () => randomUUID()).filter((id) => HENKILOTUNNUS_PATTERN.test(`"${id}"`));
    expect(matching).to.deep.equal([]);
  });

  it('should not take a longer run of digits for one', () => {
    expect(HENKILOTUNNUS_PATTERN.test('12131052-308T')).to.equal(false);
    expect(HENKILOTUNNUS_PATTERN.test('131052-308T9')).to.equal(false);
  });
});
