import { expect } from 'chai';
import { deadlineStanding } from '../../src/domain/deadline-standing.js';

describe('deadlineStanding', () => {
  const dueAt = new Date('2026-11-18T21:59:59.999Z');
  const now = new Date('2026-12-02T10:00:00Z');

  it('should call a deadline met before its due time met on time', () => {
    expect(deadlineStanding({ dueAt, metAt: new Date('2026-11-17T12:00:00Z'), breachedAt: null }, now)).to.equal('MET_ON_TIME');
  });

  it('should call a deadline met after its due time met late, with or without a recorded breach', () => {
    const metAt = new Date('2026-12-02T09:00:00Z');
    expect(deadlineStanding({ dueAt, metAt, breachedAt: null }, now)).to.equal('MET_LATE');
    expect(deadlineStanding({ dueAt, metAt, breachedAt: new Date('2026-11-19T00:00:00Z') }, now)).to.equal('MET_LATE');
  });

  it('should call a met deadline its breach timer fired for met late, though the times say on time', () => {
    const breachedAt = new Date('2026-11-17T00:00:00Z');
    expect(deadlineStanding({ dueAt, metAt: new Date('2026-11-18T12:00:00Z'), breachedAt }, now)).to.equal('MET_LATE');
  });

  it('should call an unmet deadline past its due time, or with a breach, open past due', () => {
    expect(deadlineStanding({ dueAt, metAt: null, breachedAt: null }, now)).to.equal('OPEN_PAST_DUE');
    expect(deadlineStanding({ dueAt: new Date('2026-12-10T00:00:00Z'), metAt: null, breachedAt: now }, now)).to.equal('OPEN_PAST_DUE');
  });

  it('should call an unmet deadline not yet due open', () => {
    expect(deadlineStanding({ dueAt: new Date('2026-12-10T00:00:00Z'), metAt: null, breachedAt: null }, now)).to.equal('OPEN');
  });
});
