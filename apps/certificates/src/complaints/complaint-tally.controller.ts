import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ComplaintTallyView } from '@gbt/contracts/views';
import { CLOCK, type Clock } from '@gbt/platform';
import { RegistryRateLimit } from '../registry/rate-limit.guard';
import { Registry } from '../registry/registry';
import { ComplaintViews } from './complaint-views';

/** That a certificate's complaints are handled: counts only, never who complained. */
@ApiTags('registry')
@UseGuards(RegistryRateLimit)
@Controller('registry/certificates/:number/complaints')
export class ComplaintTallyController {
  constructor(
    @Inject(Registry) private readonly registry: Registry,
    @Inject(ComplaintViews) private readonly views: ComplaintViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Complaints about this certificate received in the last 12 months, and how many of them are closed' })
  async tally(@Param('number') number: string): Promise<ComplaintTallyView> {
    const entry = await this.registry.require(number);
    return { certificateNumber: entry._id, ...(await this.views.publicTally(entry._id, this.clock.now())) };
  }
}
