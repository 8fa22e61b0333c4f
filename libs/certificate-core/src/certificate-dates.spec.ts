import { addCalendarMonths, certificateDates, isValidOn, shanghaiDate, validityEnd, validityEndsAt } from './certificate-dates';

describe('certificate dates: calendar dates in Asia/Shanghai, valid through the end of the last day', () => {
  it('gives a certificate granted just after Shanghai midnight that day, and its last day three years on less one', () => {
    const granted = new Date('2026-11-30T16:30:00Z'); // 2026-12-01 00:30 in Shanghai
    const end = validityEnd(granted, 36);
    expect(end.toISOString()).toBe('2029-11-30T16:00:00.000Z');
    const dates = certificateDates({ validFrom: granted.toISOString(), validUntil: end.toISOString() });
    expect(dates).toEqual({ validFrom: '2026-12-01', validUntil: '2029-11-30' });
    expect(validityEndsAt(dates)).toEqual(end);
    expect(isValidOn(dates, new Date('2029-11-30T15:59:59.999Z'))).toBe(true);
    expect(isValidOn(dates, end)).toBe(false);
    expect(isValidOn(dates, new Date('2026-11-30T15:59:59.999Z'))).toBe(false);
    expect(isValidOn(dates, new Date('2026-11-30T16:00:00.000Z'))).toBe(true);
  });

  it('gives a certificate granted a minute before Shanghai midnight the day before', () => {
    const granted = new Date('2026-11-30T15:59:00Z'); // 2026-11-30 23:59 in Shanghai
    const dates = certificateDates({ validFrom: granted.toISOString(), validUntil: validityEnd(granted, 36).toISOString() });
    expect(dates).toEqual({ validFrom: '2026-11-30', validUntil: '2029-11-29' });
  });

  it('reads a validity recorded before the rule (ending at the granting hour) as ending at the Shanghai midnight before it', () => {
    expect(certificateDates({ validFrom: '2026-11-30T16:30:00.000Z', validUntil: '2029-11-30T16:30:00.000Z' })).toEqual({ validFrom: '2026-12-01', validUntil: '2029-11-30' });
    expect(certificateDates({ validFrom: '2023-10-31T02:00:00.000Z', validUntil: '2026-10-31T02:00:00.000Z' }).validUntil).toBe('2026-10-30');
  });

  it('keeps calendar dates as they are, and clamps months to the last day of a shorter month', () => {
    expect(certificateDates({ validFrom: '2026-12-01', validUntil: '2029-11-30' })).toEqual({ validFrom: '2026-12-01', validUntil: '2029-11-30' });
    expect(addCalendarMonths('2028-02-29', 36)).toBe('2031-02-28');
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(shanghaiDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });
});
