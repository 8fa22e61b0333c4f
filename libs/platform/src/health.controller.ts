import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Metrics } from './metrics';
import { Readiness } from './readiness';
import type { ServiceConfig } from './service-config';
import { SERVICE_CONFIG } from './tokens';

/** Probes are never cached; their answers are documented here, not by terminus's generic schema. */
const PROBE = { noCache: true, swaggerDocumentation: false } as const;

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(Readiness) private readonly readiness: Readiness,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  /** Liveness: the process answers. Restarting it would not help with a dead server, so no checks here. */
  @Get(['health', 'health/live'])
  @HealthCheck(PROBE)
  @ApiOkResponse({ description: 'the process is alive' })
  live() {
    return { status: 'ok', service: this.config.service };
  }

  /**
   * Readiness: send traffic only while the database, Kafka and Redis all answer (checked by
   * terminus, see Readiness). The body keeps `status: 'ready' | 'not-ready'` and `checks`, which
   * probes and tests read, and adds `failing`, the names of the dependencies that did not answer.
   */
  @Get('health/ready')
  @HealthCheck(PROBE)
  @ApiOkResponse({ description: 'the database, Kafka and Redis answer' })
  @ApiServiceUnavailableResponse({ description: 'a server this service needs does not answer (`failing` names it, `checks` says why), or the service is shutting down' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const report = await this.readiness.check();
    res.status(report.ready ? 200 : 503);
    return {
      status: report.ready ? 'ready' : 'not-ready',
      service: this.config.service,
      checks: report.checks,
      failing: report.failing,
      ...(report.shuttingDown ? { shuttingDown: true } : {}),
    };
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) res: Response) {
    res.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
