import type { CalendarYear } from './business-calendar';

/**
 * China's statutory holidays and make-up working days (调休), as the State Council publishes them
 * each year (usually in November for the next year). Configuration data: a certification body adds
 * the new year when it is announced; a year missing here counts weekends only and says so.
 */
export const CHINA_PUBLIC_HOLIDAYS: readonly CalendarYear[] = [
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
    source: 'State Council notice for 2026 (check against the published text before relying on it)',
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
