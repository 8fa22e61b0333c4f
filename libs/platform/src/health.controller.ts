import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from './public';
import type { ServiceConfig } from './service-config';
import { SERVICE_CONFIG } from './tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  @Public()
  @Get()
  health() {
    return { status: 'ok', service: this.config.service };
  }
}
