import { expect } from 'chai';
import type { DeadlineRule } from '../../src/domain/deadline-rule.js';
import { computeDeadlines, dueDateOf, ruleApplies } from '../../src/domain/deadlines.js';

const SHL = { law: 'Sosiaalihuoltolaki 1301/2014', section: '36 §', url: 'https://stm.fi/sosiaalipalvelujen-saatavuus' };

/** A rule with the defaults of a social-side legal rule; the test names what matters. */
function rule(id: string, fields: Partial<DeadlineRule>): DeadlineRule {
  return {
    id,
    name: id,
    event: 'CASE_OPENED',
    amount: 0,
    unit: 'IMMEDIATE',
    rollToWeekday: false,
    appliesTo: 'all',
    kind: 'LAW',
    register: 'SOCIAL',
    source: SHL,
    ...fields,
  };
}

/** The rules of seed/deadline-rules.json, in short. */
const RULES: DeadlineRule[] = [
  rule('shl-36-kiireellinen', { unit: 'IMMEDIATE', appliesTo: { anyOf: ['urgent'] } }),
  rule('shl-36-arvioinnin-aloitus-tavoite', { amount: 7, unit: 'WEEKDAYS', kind: 'PROPOSED_TARGET' }),
  rule('shl-36-seitseman-arkipaivaa', {
    amount: 7,
    unit: 'WEEKDAYS',
    appliesTo: { anyOf: ['ageOver75', 'highestCareAllowance', 'childWithSpecialSupport'] },
  }),
  rule('shl-36-kolme-kuukautta-lapsi', {
    amount: 3,
    unit: 'MONTHS',
    rollToWeekday: true,
    appliesTo: { anyOf: ['childWithSpecialSupport'] },
  }),
  rule('shl-24-raskaana-oleva', { unit: 'IMMEDIATE', appliesTo: { anyOf: ['pregnant'] } }),
  rule('tervhl-51-hoidon-tarpeen-arvio', { unit: 'SAME_DAY', register: 'HEALTH' }),
  rule('shl-39-suunnitelman-tarkistus', { event: 'PLAN_MADE', amount: 3, unit: 'MONTHS', rollToWeekday: true, kind: 'PROPOSED_TARGET' }),
  rule('potilasasiakirjat-5-vrk', { event: 'SERVICE_EVENT', amount: 5, unit: 'CALENDAR_DAYS', register: 'HEALTH' }),
  rule('hallintolaki-oikaisuvaatimus-30-pv', { event: 'DECISION_NOTIFIED', amount: 30, unit: 'CALENDAR_DAYS', rollToWeekday: true }),
];

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('deadlines', () => {
  describe('#computeDeadlines', () => {
    it('should give a working-age adult only the proposed target and the same-day health assessment', () => {
      // given a contact on the Tuesday before Easter 2026
      const query = { rules: RULES, attributes: {}, event: 'CASE_OPENED' as const, eventDate: '2026-03-31' };

      // when
      const deadlines = computeDeadlines(query);

      // then Good Friday and Easter Monday are skipped in the 7 weekdays
      expect(deadlines.map((d) => [d.ruleId, d.kind, d.dueDate])).to.deep.equal([
        ['tervhl-51-hoidon-tarpeen-arvio', 'LAW', '2026-03-31'],
        ['shl-36-arvioinnin-aloitus-tavoite', 'PROPOSED_TARGET', '2026-04-13'],
      ]);
    });

    it('should add the statutory 7th-weekday rule for a client over 75', () => {
      // given
      const query = { rules: RULES, attributes: { ageOver75: true }, event: 'CASE_OPENED' as const, eventDate: '2026-03-03' };

      // when
      const deadlines = computeDeadlines(query);

      // then a Tuesday contact is due on the next week's Thursday
      const law = deadlines.find((d) => d.ruleId === 'shl-36-seitseman-arkipaivaa');
      expect(law).to.include({ kind: 'LAW', dueDate: '2026-03-12', dueAt: '2026-03-12T23:59:59+02:00' });
      expect(law?.source).to.deep.equal(SHL);
    });

    it('should apply the 7th-weekday rule for the highest care allowance across Christmas 2026', () => {
      // given
      const query = { rules: RULES, attributes: { highestCareAllowance: true }, event: 'CASE_OPENED' as const, eventDate: '2026-12-21' };

      // when
      const deadlines = computeDeadlines(query);

      // then Christmas Eve, Christmas Day, St Stephen's Day and New Year's Day are skipped
      expect(deadlines.find((d) => d.ruleId === 'shl-36-seitseman-arkipaivaa')?.dueDate).to.equal('2027-01-04');
    });

    it('should give a child with special support both the 7th-weekday start and the 3-month completion', () => {
      // given a matter pending on 24 September 2026: three months later is Christmas Eve
      const query = { rules: RULES, attributes: { childWithSpecialSupport: true }, event: 'CASE_OPENED' as const, eventDate: '2026-09-24' };

      // when
      const deadlines = computeDeadlines(query);

      // then the 3-month deadline rolls past Christmas and the weekend to Monday
      expect(deadlines.map((d) => [d.ruleId, d.dueDate])).to.deep.equal([
        ['tervhl-51-hoidon-tarpeen-arvio', '2026-09-24'],
        ['shl-36-arvioinnin-aloitus-tavoite', '2026-10-05'],
        ['shl-36-seitseman-arkipaivaa', '2026-10-05'],
        ['shl-36-kolme-kuukautta-lapsi', '2026-12-28'],
      ]);
    });

    it('should make urgent and pregnancy rules due on the day of contact, even on a holiday', () => {
      // given Midsummer Day 2026, a Saturday
      const query = { rules: RULES, attributes: { urgent: true, pregnant: true }, event: 'CASE_OPENED' as const, eventDate: '2026-06-20' };

      // when
      const deadlines = computeDeadlines(query);

      // then
      expect(deadlines.filter((d) => d.dueDate === '2026-06-20').map((d) => d.ruleId)).to.deep.equal([
        'shl-24-raskaana-oleva',
        'shl-36-kiireellinen',
      ]);
      expect(deadlines.find((d) => d.ruleId === 'tervhl-51-hoidon-tarpeen-arvio')?.dueDate).to.equal('2026-06-22');
    });

    it('should only return rules started by the given event', () => {
      // given
      const query = { rules: RULES, attributes: { ageOver75: true }, event: 'PLAN_MADE' as const, eventDate: '2026-03-06' };

      // when
      const deadlines = computeDeadlines(query);

      // then three months later is a Saturday: the target moves to Monday
      expect(deadlines.map((d) => [d.ruleId, d.kind, d.dueDate])).to.deep.equal([
        ['shl-39-suunnitelman-tarkistus', 'PROPOSED_TARGET', '2026-06-08'],
      ]);
    });

    it('should carry the register of each rule', () => {
      // given
      const query = { rules: RULES, attributes: {}, event: 'CASE_OPENED' as const, eventDate: '2026-03-10' };

      // when
      const registers = computeDeadlines(query).map((d) => [d.ruleId, d.register]);

      // then
      expect(registers).to.deep.include(['tervhl-51-hoidon-tarpeen-arvio', 'HEALTH']);
      expect(registers).to.deep.include(['shl-36-arvioinnin-aloitus-tavoite', 'SOCIAL']);
    });

    it('should refuse an event date that is not a calendar date', () => {
      // given
      const query = { rules: RULES, attributes: {}, event: 'CASE_OPENED' as const, eventDate: '2026-02-30' };

      // when / then
      expect(() => computeDeadlines(query)).to.throw(RangeError);
    });
  });

  describe('#dueDateOf', () => {
    it('should roll the 30-day correction period off Christmas to the next weekday', () => {
      // given a decision served on 25 November 2026: day 30 is Christmas Day
      const correction = byId('hallintolaki-oikaisuvaatimus-30-pv');

      // when
      const due = dueDateOf(correction, '2026-11-25');

      // then
      expect(due).to.equal('2026-12-28');
    });

    it('should not roll the 5-day records deadline, which counts calendar days', () => {
      // given a service event on Saturday 19 December 2026: day 5 is Christmas Eve
      const records = byId('potilasasiakirjat-5-vrk');

      // when
      const due = dueDateOf(records, '2026-12-19');

      // then
      expect(due).to.equal('2026-12-24');
    });

    it('should move a same-day assessment from Good Friday to the Tuesday after Easter', () => {
      // given
      const sameDay = byId('tervhl-51-hoidon-tarpeen-arvio');

      // when
      const due = dueDateOf(sameDay, '2026-04-03');

      // then
      expect(due).to.equal('2026-04-07');
    });
  });

  describe('#ruleApplies', () => {
    const rows: [string, Record<string, boolean>, boolean][] = [
      ['shl-36-seitseman-arkipaivaa', {}, false],
      ['shl-36-seitseman-arkipaivaa', { ageOver75: false }, false],
      ['shl-36-seitseman-arkipaivaa', { ageOver75: true }, true],
      ['shl-36-seitseman-arkipaivaa', { highestCareAllowance: true }, true],
      ['shl-36-seitseman-arkipaivaa', { childWithSpecialSupport: true }, true],
      ['shl-36-seitseman-arkipaivaa', { pregnant: true }, false],
      ['shl-36-arvioinnin-aloitus-tavoite', {}, true],
    ];
    for (const [ruleId, attributes, expected] of rows) {
      it(`should say ${expected} for ${ruleId} with ${JSON.stringify(attributes)}`, () => {
        // given
        const r = byId(ruleId);

        // when
        const applies = ruleApplies(r, attributes);

        // then
        expect(applies).to.equal(expected);
      });
    }
  });
});
