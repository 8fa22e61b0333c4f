import { BusinessCalendar, CHINA_PUBLIC_HOLIDAYS } from './index';

const calendar = new BusinessCalendar(CHINA_PUBLIC_HOLIDAYS);
const shanghai = (local: string) => new Date(`${local}+08:00`);
const planned = shanghai('2025-03-03T09:00:00'); // a Monday

// A wait for the applicant can begin before the review is planned (an information request made
// while the case was being prepared); the work list asks for the due date of every task.
describe('due dates with a wait that began before the review was planned', () => {
  it('stands still (no due date) while that wait is open, instead of walking ten years and throwing', () => {
    const open = { from: shanghai('2025-03-01T10:00:00'), to: null };
    expect(calendar.dueAfterWorkingDays(planned, 3, [open])).toBeNull();
  });

  it('counts only the time after that wait ends once it is closed', () => {
    const closed = { from: shanghai('2025-03-01T10:00:00'), to: shanghai('2025-03-04T09:00:00') };
    // Mon 3rd is inside the wait: three working days from Tue 4th 09:00.
    expect(calendar.dueAfterWorkingDays(planned, 3, [closed])).toEqual(shanghai('2025-03-07T09:00:00'));
  });

  it('is unaffected by a wait that ended before the review was planned', () => {
    const before = { from: shanghai('2025-02-26T10:00:00'), to: shanghai('2025-02-28T10:00:00') };
    expect(calendar.dueAfterWorkingDays(planned, 3, [before])).toEqual(shanghai('2025-03-06T09:00:00'));
  });
});
