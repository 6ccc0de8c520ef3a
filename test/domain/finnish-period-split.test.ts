import { expect } from 'chai';
import { splitFinnishPeriod } from '../../src/domain/finnish-period-split.js';
import { finnishInstant } from '../../src/domain/finnish-time.js';

describe('domain/finnish-period-split', () => {
  describe('#splitFinnishPeriod', () => {
    it('should answer whole months by month, the days around them by day, and the hours around those by row', () => {
      // given 10 Jan 2026 15:30 to 5 Apr 2026 08:00, Finnish time (EET, then EEST from 29 March)
      const from = finnishInstant('2026-01-10', '15:30');
      const to = finnishInstant('2026-04-05', '08:00');

      // when
      const split = splitFinnishPeriod(from, to);

      // then
      expect(split).to.deep.equal({
        months: { from: '2026-02-01', to: '2026-04-01' },
        days: [
          { from: '2026-01-11', to: '2026-02-01' },
          { from: '2026-04-01', to: '2026-04-05' },
        ],
        edges: [
          { from, to: new Date('2026-01-10T22:00:00Z') },
          { from: new Date('2026-04-04T21:00:00Z'), to },
        ],
      });
    });

    it('should leave an end open when the period has none', () => {
      expect(splitFinnishPeriod(finnishInstant('2026-01-01', '00:00'), undefined)).to.deep.equal({
        months: { from: '2026-01-01' },
        days: [],
        edges: [],
      });
      expect(splitFinnishPeriod(undefined, undefined)).to.deep.equal({ months: {}, days: [], edges: [] });
    });

    it('should read a period within one month by day, and within one day by row', () => {
      const from = finnishInstant('2026-03-10', '12:00');
      expect(splitFinnishPeriod(finnishInstant('2026-03-10', '00:00'), finnishInstant('2026-03-20', '00:00'))).to.deep.equal({
        months: null,
        days: [{ from: '2026-03-10', to: '2026-03-20' }],
        edges: [],
      });
      expect(splitFinnishPeriod(from, finnishInstant('2026-03-11', '06:00'))).to.deep.equal({
        months: null,
        days: [],
        edges: [{ from, to: finnishInstant('2026-03-11', '06:00') }],
      });
    });
  });
});
