import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Metrics } from './metrics';
import { Readiness } from './readiness';
import type { ServiceConfig } from './service-config';
import { SERVICE_CONFIG } from './tokens';

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
  @ApiOkResponse({ description: 'the process is alive' })
  live() {
    return { status: 'ok', service: this.config.service };
  }

  /** Readiness: send traffic only while the database, Kafka and Redis all answer. */
  @Get('health/ready')
  @ApiOkResponse({ description: 'the database, Kafka and Redis answer' })
  @ApiServiceUnavailableResponse({ description: 'a server this service needs does not answer; `checks` says which' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const report = await this.readiness.check();
    res.status(report.ready ? 200 : 503);
    return { status: report.ready ? 'ready' : 'not-ready', service: this.config.service, checks: report.checks };
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) res: Response) {
    res.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
