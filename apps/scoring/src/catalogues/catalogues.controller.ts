import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type Principal } from '@gbt/auth';
import { CLOCK, type Clock } from '@gbt/platform';
import { CatalogueStore } from './catalogue-store';

@ApiTags('catalogues')
@Controller('catalogues')
export class CataloguesController {
  constructor(
    @Inject(CatalogueStore) private readonly catalogues: CatalogueStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The published catalogue versions (public: the criteria are no secret)' })
  async list() {
    return { versions: await this.catalogues.versions() };
  }

  @Get(':version')
  @ApiOperation({ summary: 'One catalogue version: categories, indicators, requirements, points, methods, expected evidence' })
  async get(@Param('version') version: string) {
    const catalogue = await this.catalogues.get(version);
    if (!catalogue) throw new NotFoundException(`catalogue version ${version} is not published`);
    return catalogue;
  }

  @Post()
  @ApiBearerAuth()
  @ApiOperation({ summary: "Publish the certification body's own catalogue version; it is validated and can never change afterwards" })
  async publish(@CurrentUser() me: Principal, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const catalogue = await this.catalogues.publish(body, me.id, this.clock.now());
    res.status(201).setHeader('Location', `/catalogues/${catalogue.version}`);
    return { version: catalogue.version };
  }
}
