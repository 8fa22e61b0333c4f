import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, type Principal } from '@gbt/auth';
import { creditCodeProblem } from '@gbt/contracts';
import { organisationDetailsSchema } from '@gbt/contracts';
import { openApiSchema, parseInput } from '@gbt/platform';
import { requireIfMatch } from '../http/if-match';
import { OrganisationsService } from './organisations.service';

const registration = organisationDetailsSchema.extend({
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((code, ctx) => {
      const problem = creditCodeProblem(code);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(@Inject(OrganisationsService) private readonly organisations: OrganisationsService) {}

  @Post()
  @ApiOperation({ summary: 'Register an organisation; the applicant who registers it becomes its member' })
  @ApiBody({ schema: openApiSchema(registration) })
  async register(@CurrentUser() me: Principal, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const result = await this.organisations.register(me, parseInput(registration, body));
    res.status(201).setHeader('ETag', `"${result.version}"`).setHeader('Location', `/organisations/${result.organisationId}`);
    return result;
  }

  @Get(':id')
  @ApiOperation({ summary: 'An organisation (its members and staff only)' })
  async get(@CurrentUser() me: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { state, version } = await this.organisations.readable(me, id);
    res.setHeader('ETag', `"${version}"`);
    const { status: _status, ...organisation } = state;
    return { ...organisation, version };
  }

  @Put(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the organisation details (If-Match required)' })
  @ApiBody({ schema: openApiSchema(organisationDetailsSchema) })
  async update(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const details = parseInput(organisationDetailsSchema, body);
    const expected = await requireIfMatch(ifMatch, async () => (await this.organisations.readable(me, id)).version);
    const result = await this.organisations.update(me, id, details, expected);
    res.setHeader('ETag', `"${result.version}"`);
    return result;
  }
}
