import { Inject, Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Metrics } from '@gbt/platform';
import { LogAppender } from './log-appender';
import { LogStore } from './log-store';

/**
 * The public log on /metrics (ADR 0030), read when scraped from checkpoint documents and the
 * registry's change-log head: a few point reads, never a count of a collection.
 */
@Injectable()
export class LogMetrics {
  constructor(@Inject(Metrics) metrics: Metrics, @Inject(LogStore) store: LogStore, @Inject(LogAppender) appender: LogAppender) {
    new Gauge({
      name: 'gbt_public_log_lag_changes',
      help: 'Registry changes (writes of a certificate entry) not yet appended to the public log: 0 when the log holds every recorded status change',
      registers: [metrics.registry],
      async collect() {
        this.set(await appender.lag());
      },
    });
    new Gauge({
      name: 'gbt_public_log_leaves',
      help: 'Entries in the public log (complete: with their subtrees)',
      registers: [metrics.registry],
      async collect() {
        this.set(await store.size());
      },
    });
    new Gauge({
      name: 'gbt_public_log_unsigned_leaves',
      help: 'Entries of the public log not yet covered by a signed tree head',
      registers: [metrics.registry],
      async collect() {
        const [size, head] = await Promise.all([store.size(), store.latestTreeHead()]);
        this.set(size - (head?.treeSize ?? 0));
      },
    });
  }
}
