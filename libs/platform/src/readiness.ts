import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { DatabaseHealthIndicator, KafkaHealthIndicator, RedisHealthIndicator, type CheckFields } from './health-indicators';

export type DependencyName = 'database' | 'kafka' | 'redis';
/** One dependency's check: terminus's `status` plus `ok`, how long it took and, when down, why. */
export interface DependencyCheck extends CheckFields {
  readonly status: 'up' | 'down';
}
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<DependencyName, DependencyCheck>;
  /** The dependencies that did not answer in time, in the order of `checks`. */
  readonly failing: DependencyName[];
  /** The application is closing: not ready whatever the checks say, so traffic drains away. */
  readonly shuttingDown: boolean;
}

const DEPENDENCIES: readonly DependencyName[] = ['database', 'kafka', 'redis'];

/**
 * Whether the servers this service needs answer now: terminus's HealthCheckService runs the three
 * indicators side by side (each within its own 2 s budget) and says whether all are up.
 */
@Injectable()
export class Readiness {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(DatabaseHealthIndicator) private readonly database: DatabaseHealthIndicator,
    @Inject(KafkaHealthIndicator) private readonly kafka: KafkaHealthIndicator,
    @Inject(RedisHealthIndicator) private readonly redis: RedisHealthIndicator,
  ) {}

  async check(): Promise<ReadinessReport> {
    const result = await this.health
      .check([() => this.database.check('database'), () => this.kafka.check('kafka'), () => this.redis.check('redis')])
      // terminus answers "not healthy" by throwing a 503 that carries the same result.
      .catch((err: unknown) => {
        if (err instanceof ServiceUnavailableException) return err.getResponse() as HealthCheckResult;
        throw err;
      });
    const checks = Object.fromEntries(
      DEPENDENCIES.map((name) => [name, (result.details[name] as DependencyCheck | undefined) ?? { status: 'down', ok: false, ms: 0, error: `${name} was not checked` }]),
    ) as Record<DependencyName, DependencyCheck>;
    const failing = DEPENDENCIES.filter((name) => !checks[name].ok);
    const shuttingDown = result.status === 'shutting_down';
    return { ready: result.status === 'ok' && failing.length === 0, checks, failing, shuttingDown };
  }
}
