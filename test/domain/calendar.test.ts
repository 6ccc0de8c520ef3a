import { expect } from 'chai';
import { addCalendarDays, addMonths, addWeekdays, holidaysIn, isHoliday, isWeekday, weekdayOnOrAfter } from '../../src/domain/calendar.js';

describe('calendar', () => {
  describe('#holidaysIn', () => {
    it('should list the public holidays of 2026 and the Christmas and Midsummer eves', () => {
      // given
      const year = 2026;

      // when
      const days = [...holidaysIn(year)].sort();

      // then
      expect(days).to.deep.equal([
        '2026-01-01', // uudenvuodenpäivä
        '2026-01-06', // loppiainen
        '2026-04-03', // pitkäperjantai
        '2026-04-05', // pääsiäispäivä
        '2026-04-06', // toinen pääsiäispäivä
        '2026-05-01', // vappu
        '2026-05-14', // helatorstai
        '2026-05-24', // helluntaipäivä
        '2026-06-19', // juhannusaatto (Act 150/1930 § 5)
        '2026-06-20', // juhannuspäivä
        '2026-10-31', // pyhäinpäivä
        '2026-12-06', // itsenäisyyspäivä
        '2026-12-24', // jouluaatto (Act 150/1930 § 5)
        '2026-12-25', // joulupäivä
        '2026-12-26', // tapaninpäivä
      ]);
    });

    it('should find Midsummer Eve on the Friday between 19 and 25 June', () => {
      // given
      const eves = { 2025: '2025-06-20', 2027: '2027-06-25', 2028: '2028-06-23' };

      // when
      const found = Object.entries(eves).map(([year, eve]) => holidaysIn(Number(year)).has(eve));

      // then
      expect(found).to.deep.equal([true, true, true]);
    });
  });

  describe('#isWeekday', () => {
    const rows: [string, boolean, string][] = [
      ['2026-03-10', true, 'an ordinary Tuesday'],
      ['2026-03-14', false, 'a Saturday'],
      ['2026-03-15', false, 'a Sunday'],
      ['2026-04-03', false, 'Good Friday'],
      ['2026-04-06', false, 'Easter Monday'],
      ['2026-05-14', false, 'Ascension Day'],
      ['2026-06-19', false, 'Midsummer Eve'],
      ['2026-12-24', false, 'Christmas Eve'],
      ['2026-12-31', true, "New Year's Eve, an ordinary working day"],
      ['2026-05-08', true, 'the Friday before Mother’s Day (an observance only)'],
    ];
    for (const [date, expected, name] of rows) {
      it(`should say ${expected} for ${name} (${date})`, () => {
        // given a date

        // when
        const weekday = isWeekday(date);

        // then
        expect(weekday).to.equal(expected);
      });
    }
  });

  describe('#addWeekdays', () => {
    const rows: [string, number, string, string][] = [
      ['2026-03-03', 7, '2026-03-12', 'a Tuesday contact + 7 is the next week’s Thursday (domain.md §1)'],
      ['2026-04-01', 7, '2026-04-14', 'across Easter 2026 (Good Friday and Easter Monday skipped)'],
      ['2026-12-21', 7, '2027-01-04', 'across Christmas and New Year 2026 (New Year’s Eve counted)'],
      ['2026-06-17', 3, '2026-06-23', 'across Midsummer 2026'],
      ['2026-05-13', 1, '2026-05-15', 'across Ascension Day'],
      ['2026-03-07', 1, '2026-03-09', 'from a Saturday: the day itself is not counted'],
      ['2026-04-03', 1, '2026-04-07', 'from Good Friday'],
      ['2026-03-10', 0, '2026-03-10', 'zero weekdays'],
    ];
    for (const [from, n, expected, name] of rows) {
      it(`should count ${name}`, () => {
        // given a start date and a count

        // when
        const due = addWeekdays(from, n);

        // then
        expect(due).to.equal(expected);
      });
    }

    it('should refuse a negative or fractional count', () => {
      // given
      const bad = [-1, 1.5];

      // when / then
      for (const n of bad) expect(() => addWeekdays('2026-03-10', n)).to.throw(RangeError);
    });

    it('should refuse a malformed date', () => {
      // given
      const bad = '10.3.2026';

      // when / then
      expect(() => addWeekdays(bad, 1)).to.throw(RangeError, /10\.3\.2026/);
    });
  });

  describe('#isHoliday', () => {
    it('should not count weekends or observances as holidays', () => {
      // given a Saturday, Mother's Day (an observance) and New Year's Eve (a bank day)
      const dates = ['2026-03-14', '2026-05-10', '2026-12-31'];

      // when
      const holidays = dates.map(isHoliday);

      // then
      expect(holidays).to.deep.equal([false, false, false]);
    });
  });

  describe('#weekdayOnOrAfter', () => {
    it('should keep a weekday and move a day off to the next weekday', () => {
      // given
      const dates = ['2026-03-10', '2026-12-24', '2026-06-19', '2026-04-03'];

      // when
      const moved = dates.map(weekdayOnOrAfter);

      // then
      expect(moved).to.deep.equal(['2026-03-10', '2026-12-28', '2026-06-22', '2026-04-07']);
    });
  });

  describe('#addCalendarDays', () => {
    it('should count every day, holidays too, across a year end', () => {
      // given
      const from = '2026-12-20';

      // when
      const due = addCalendarDays(from, 30);

      // then
      expect(due).to.equal('2027-01-19');
    });
  });

  describe('#addMonths', () => {
    const rows: [string, number, string][] = [
      ['2026-03-15', 3, '2026-06-15'],
      ['2026-01-31', 1, '2026-02-28'],
      ['2024-01-31', 1, '2024-02-29'],
      ['2026-11-30', 3, '2027-02-28'],
      ['2026-10-31', 2, '2026-12-31'],
      ['2026-05-20', 12, '2027-05-20'],
    ];
    for (const [from, n, expected] of rows) {
      it(`should give ${expected} for ${from} + ${n} months`, () => {
        // given a date

        // when
        const due = addMonths(from, n);

        // then
        expect(due).to.equal(expected);
      });
    }
  });
});
