import { BusinessCalendar, CHINA_PUBLIC_HOLIDAYS } from '@gbt/business-calendar';
import { answerDueOn, DEFAULT_APPEAL_POLICY, shiftWorkingDays } from './appeal-rules';

const calendar = new BusinessCalendar(CHINA_PUBLIC_HOLIDAYS);
const isWorkingDay = (date: string) => calendar.isWorkingDay(date);

describe('appeal deadlines on the business calendar', () => {
  it('counts from the next working day, never the day itself', () => {
    expect(shiftWorkingDays('2026-11-27', 1, isWorkingDay)).toBe('2026-11-30'); // Friday to Monday
    expect(shiftWorkingDays('2026-11-28', 1, isWorkingDay)).toBe('2026-11-30'); // a Saturday counts nothing
    expect(shiftWorkingDays('2026-11-30', 0, isWorkingDay)).toBe('2026-11-30');
  });

  it('steps over a holiday week and counts its make-up Saturday', () => {
    expect(shiftWorkingDays('2026-09-30', 1, isWorkingDay)).toBe('2026-10-08'); // National Day 1-7 October
    expect(shiftWorkingDays('2026-10-09', 1, isWorkingDay)).toBe('2026-10-10'); // 10 October is worked
  });

  it('counts back for the reminder the same way', () => {
    expect(shiftWorkingDays('2026-10-08', -1, isWorkingDay)).toBe('2026-09-30');
    expect(shiftWorkingDays('2026-10-12', -2, isWorkingDay)).toBe('2026-10-09');
  });

  it('answers 40 working days after the acknowledgement, later than 40 calendar days over holidays', () => {
    // Counted by hand: 3 days to 24 Sept, 3 more to 30 Sept (25 Sept is Mid-Autumn), 1-7 Oct off, the
    // make-up Saturday 10 Oct is the 9th, and the 40th is Monday 23 Nov: 63 calendar days.
    expect(answerDueOn('2026-09-21', DEFAULT_APPEAL_POLICY, isWorkingDay)).toBe('2026-11-23');
  });
});
