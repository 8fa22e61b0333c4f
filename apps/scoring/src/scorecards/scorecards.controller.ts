import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { score } from '@gbt/catalogue';
import { CaseAccess } from '@gbt/case-access';
import { scoringInputSchema, scoringOverridesSchema } from '@gbt/contracts';
import { CLOCK, contextNow, DomainRefusal, parseIfMatch, openApiSchema, parseInput, PreconditionRequired, type Clock } from '@gbt/platform';
import { compareScorecards } from './compare';
import { CatalogueStore } from '../catalogues/catalogue-store';
import { CorrectScorecard, RescoreCase } from './scorecard-commands';
import { CaseScorecards, ScorecardHistory } from './scorecard-queries';

const whatIf = scoringOverridesSchema.extend({ catalogueVersion: z.string().min(1).optional() });
const correction = scoringInputSchema.extend({ reason: z.string().trim().min(1, 'a correction needs its reason').max(4_000) });
const rescore = z.strictObject({ catalogueVersion: z.string().min(1) });

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class ScorecardsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CatalogueStore) private readonly catalogues: CatalogueStore,
    @Inject(CaseAccess) private readonly access: CaseAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('scorecards')
  @ApiOperation({ summary: "A case's scorecards with their explanations, corrections beside their originals" })
  async list(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Res({ passthrough: true }) res: Response) {
    await this.access.assertCanRead(me, caseId);
    const { version, scorecards } = await this.queries.execute(new ScorecardHistory({ caseId }));
    res.setHeader('ETag', `"${version}"`);
    return { caseId, version, scorecards };
  }

  @Post('what-if')
  @HttpCode(200)
  @ApiOperation({ summary: 'The score and level that changed findings would give; nothing is stored' })
  @ApiBody({ schema: openApiSchema(whatIf) })
  async whatIf(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Body() body: unknown) {
    await this.access.assertCanRead(me, caseId);
    const changes = parseInput(whatIf, body);
    const { state } = await this.queries.execute(new CaseScorecards({ caseId }));
    const current = state.records.find((r) => r.scorecardId === state.current);
    const catalogueVersion = changes.catalogueVersion ?? current?.scorecard.catalogueVersion;
    if (!catalogueVersion) throw new NotFoundException(`case ${caseId} has no scorecard yet; name a catalogueVersion to try findings`);
    const { catalogueVersion: _v, ...overrides } = changes;
    const present = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    const input = { findings: [], ...current?.input, ...present };
    const result = score(await this.catalogues.require(catalogueVersion), input);
    if (!result.ok) throw new DomainRefusal('InvalidScoringInput', result.problems.join('; '), 422);
    return { scorecard: result.scorecard, difference: current ? compareScorecards(current.scorecard, result.scorecard) : null, stored: false };
  }

  @Post('scorecards/:scorecardId/corrections')
  @ApiOperation({ summary: "An auditor's correction: a new scorecard from corrected findings, the original kept beside it (If-Match required)" })
  @ApiBody({ schema: openApiSchema(correction) })
  async correct(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('scorecardId') scorecardId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { reason, ...input } = parseInput(correction, body);
    const expected = await this.expected(caseId, ifMatch);
    const context = contextNow({ id: me.id, role: actingRole(me) }, this.clock, expected);
    const result = await this.commands.execute(new CorrectScorecard({ caseId, previousScorecardId: scorecardId, input, reason }, context));
    res.status(201).setHeader('ETag', `"${result.version}"`);
    return result;
  }

  @Post('rescore')
  @ApiOperation({ summary: 'Re-score the current findings under another catalogue version; the old scorecard stays and the difference is shown' })
  @ApiBody({ schema: openApiSchema(rescore) })
  async rescore(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { catalogueVersion } = parseInput(rescore, body);
    const expected = await this.expected(caseId, ifMatch);
    const context = contextNow({ id: me.id, role: actingRole(me) }, this.clock, expected);
    const result = await this.commands.execute(new RescoreCase({ caseId, catalogueVersion }, context));
    res.status(201).setHeader('ETag', `"${result.version}"`);
    const { scorecards } = await this.queries.execute(new ScorecardHistory({ caseId }));
    const created = scorecards.find((s) => s.scorecardId === result.scorecardId);
    return { ...result, difference: created?.difference ?? null };
  }

  private async expected(caseId: string, ifMatch: string | undefined): Promise<number> {
    const version = parseIfMatch(ifMatch);
    if (version !== undefined) return version;
    throw new PreconditionRequired((await this.queries.execute(new CaseScorecards({ caseId }))).version);
  }
}
