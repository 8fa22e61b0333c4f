import type { Provider } from '@nestjs/common';
import type { Clock } from '@gbt/platform';
import { SigningKeys } from '../keys/signing-keys';
import type { LogSettings } from '../settings';
import { LogAppender } from './log-appender';
import { LogMetrics } from './log-metrics';
import { LogStore } from './log-store';
import { LogController, LogKeysController } from './log.controller';
import { LOG_KEYS, TreeHeads } from './tree-heads';

/** The public log's parts (ADR 0030), for the service module. */
export const publicLogControllers = [LogController, LogKeysController];

export function publicLogProviders(settings: LogSettings, generateKeys: boolean, clock: Clock): Provider[] {
  return [
    { provide: LOG_KEYS, useFactory: () => SigningKeys.fromDirectory(settings.keysDir, { generateIfMissing: generateKeys, now: clock.now(), kidPrefix: 'log' }) },
    LogStore,
    LogAppender,
    TreeHeads,
    LogMetrics,
  ];
}
