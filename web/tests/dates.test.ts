import { describe, expect, it } from 'vitest';
import { apiToInput, inputToApi, lastMonths, monthRange, nowForInput } from '../src/lib/dates';

describe('dates in the workspace time zone', () => {
  // 2026-02-28 23:30 UTC is already March 1st in Rome and still February in New York.
  const instant = new Date('2026-02-28T23:30:00Z');

  it('builds the month from the zone calendar, not from UTC', () => {
    expect(monthRange('Europe/Rome', instant)).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(monthRange('America/New_York', instant)).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(monthRange('UTC', new Date('2028-02-10T00:00:00Z'))).toEqual({ start: '2028-02-01', end: '2028-02-29' });
  });

  it('lists the last months oldest first, across a year boundary', () => {
    const months = lastMonths('Europe/Rome', 3, new Date('2026-01-15T12:00:00Z'));
    expect(months.map((m) => m.start)).toEqual(['2025-11-01', '2025-12-01', '2026-01-01']);
    expect(months[1].end).toBe('2025-12-31');
  });

  it('fills the form with the local time and sends it without an offset', () => {
    expect(nowForInput('Europe/Rome', instant)).toBe('2026-03-01T00:30');
    expect(apiToInput('2026-11-25T12:30:00+01:00', 'Europe/Rome')).toBe('2026-11-25T12:30');
    expect(apiToInput('2026-11-25T12:30:00+01:00', 'UTC')).toBe('2026-11-25T11:30');
    expect(inputToApi('2026-11-25T12:30')).toBe('2026-11-25 12:30');
  });
});
