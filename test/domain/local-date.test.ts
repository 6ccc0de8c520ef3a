import { expect } from 'chai';
import { finnishDate, finnishInstant, formatFinnishIso, isLocalTime } from '../../src/domain/finnish-time.js';
import { addDays, daysBetween, isLocalDate, isoWeekday } from '../../src/domain/local-date.js';

describe('local dates and Finnish time', () => {
  describe('#isLocalDate', () => {
    it('should accept real dates only', () => {
      // given
      const values = ['2026-03-10', '2024-02-29', '2026-02-29', '2026-13-01', '2026-3-10', '2026-03-10T00:00'];

      // when
      const valid = values.map(isLocalDate);

      // then
      expect(valid).to.deep.equal([true, true, false, false, false, false]);
    });
  });

  describe('#addDays / #daysBetween / #isoWeekday', () => {
    it('should do day arithmetic across month, year and DST changes', () => {
      // given the last Sunday of March 2026, when Finland moves to summer time

      // when
      const next = addDays('2026-03-29', 1);

      // then
      expect(next).to.equal('2026-03-30');
      expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
      expect(daysBetween('2026-03-01', '2026-04-01')).to.equal(31);
      expect(isoWeekday('2026-03-29')).to.equal(7);
      expect(isoWeekday('2026-03-30')).to.equal(1);
    });
  });

  describe('#isLocalTime', () => {
    it('should accept HH:MM only', () => {
      // given
      const values = ['09:00', '13:30', '23:59', '9:00', '24:00', '13:00:00'];

      // when
      const valid = values.map(isLocalTime);

      // then
      expect(valid).to.deep.equal([true, true, true, false, false, false]);
    });
  });

  describe('#finnishInstant', () => {
    const rows: [string, string, string, string][] = [
      ['2026-03-10', '13:00', '2026-03-10T11:00:00.000Z', 'winter time (+02:00)'],
      ['2026-07-01', '13:00', '2026-07-01T10:00:00.000Z', 'summer time (+03:00)'],
      ['2026-03-29', '12:00', '2026-03-29T09:00:00.000Z', 'the day summer time starts'],
      ['2026-10-25', '12:00', '2026-10-25T10:00:00.000Z', 'the day summer time ends'],
    ];
    for (const [date, time, expected, name] of rows) {
      it(`should convert wall-clock time in ${name}`, () => {
        // given a Finnish date and time

        // when
        const instant = finnishInstant(date, time);

        // then
        expect(instant.toISOString()).to.equal(expected);
      });
    }
  });

  describe('#finnishDate / #formatFinnishIso', () => {
    it('should give the Finnish date of an instant late in the UTC evening', () => {
      // given 22:30 UTC, which is already the next day in Finland
      const instant = new Date('2026-03-10T22:30:00Z');

      // when
      const date = finnishDate(instant);

      // then
      expect(date).to.equal('2026-03-11');
    });

    it('should format with the Finnish offset of the instant', () => {
      // given
      const winter = new Date('2026-03-10T11:00:00Z');
      const summer = new Date('2026-06-10T10:00:00Z');

      // when
      const formatted = [formatFinnishIso(winter), formatFinnishIso(summer)];

      // then
      expect(formatted).to.deep.equal(['2026-03-10T13:00:00+02:00', '2026-06-10T13:00:00+03:00']);
      expect(new Date(formatted[0]).getTime()).to.equal(winter.getTime());
    });
  });
});
