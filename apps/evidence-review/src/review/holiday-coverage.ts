import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BusinessCalendar, missingHolidayYears } from '@gbt/business-calendar';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK, type Clock } from '@gbt/platform';

const DAY_MS = 86_400_000;

/**
 * Says, at start and once a day, when the calendar lacks this year's public holidays (or, from
 * November, next year's): SLAs would then count weekends only until the holiday data is updated.
 */
@Injectable()
export class HolidayCoverage implements OnApplicationBootstrap, OnApplicationShutdown {
  private daily?: NodeJS.Timeout;

  constructor(
    @Inject(BusinessCalendar) private readonly calendar: BusinessCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.check();
    this.daily = setInterval(() => this.check(), DAY_MS);
    this.daily.unref();
  }

  onApplicationShutdown(): void {
    if (this.daily) clearInterval(this.daily);
  }

  check(): number[] {
    const missing = missingHolidayYears(this.calendar, this.clock.now());
    if (missing.length) {
      this.logger.warn(`the business calendar has no Chinese public holidays for ${missing.join(' and ')}: SLAs count weekends only until the chinese-days package is updated (ADR 0017)`, { years: missing });
    }
    return missing;
  }
}
