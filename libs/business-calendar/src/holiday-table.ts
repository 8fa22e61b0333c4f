import type { CalendarYear } from './business-calendar';

/**
 * The project's own transcription of the State Council's notices on China's statutory holidays and
 * make-up working days (调休). The calendar no longer reads this table: its data comes from the
 * chinese-days package (see china-public-holidays.ts and ADR 0017). The table stays as the
 * cross-check: china-public-holidays.spec.ts compares it with chinese-days day by day for every year
 * it covers. Next year needs no entry here; add one only to cross-check a new package release
 * against the notice's published text.
 */
export const STATE_COUNCIL_HOLIDAY_TABLE: readonly CalendarYear[] = [
  {
    year: 2025,
    source: 'State Council notice 国办发明电〔2024〕12号',
    holidays: [
      ['2025-01-01', '2025-01-01', '元旦 New Year'],
      ['2025-01-28', '2025-02-04', '春节 Spring Festival'],
      ['2025-04-04', '2025-04-06', '清明节 Qingming'],
      ['2025-05-01', '2025-05-05', '劳动节 Labour Day'],
      ['2025-05-31', '2025-06-02', '端午节 Dragon Boat'],
      ['2025-10-01', '2025-10-08', '国庆节、中秋节 National Day and Mid-Autumn'],
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: 'State Council General Office notice of 2025-11-04 on the 2026 holidays (checked against its text as Xinhua published it)',
    holidays: [
      ['2026-01-01', '2026-01-03', '元旦 New Year'],
      ['2026-02-15', '2026-02-23', '春节 Spring Festival'],
      ['2026-04-04', '2026-04-06', '清明节 Qingming'],
      ['2026-05-01', '2026-05-05', '劳动节 Labour Day'],
      ['2026-06-19', '2026-06-21', '端午节 Dragon Boat'],
      ['2026-09-25', '2026-09-27', '中秋节 Mid-Autumn'],
      ['2026-10-01', '2026-10-07', '国庆节 National Day'],
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
