import { Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { score } from '@gbt/catalogue';
import { CaseAccess } from '@gbt/case-access';
import { scoringInputSchema, scoringOverridesSchema } from '@gbt/contracts';
import { DomainRefusal, parseIfMatch, openApiSchema, parseInput, PreconditionRequired } from '@gbt/platform';
import { compareScorecards } from './compare';
import { ScorecardsService } from './scorecards.service';

const whatIf = scoringOverridesSchema.extend({ catalogueVersion: z.string().min(1).optional() });
const correction = scoringInputSchema.extend({ reason: z.string().trim().min(1, 'a correction needs its reason').max(4_000) });
const rescore = z.strictObject({ catalogueVersion: z.string().min(1) });

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class ScorecardsController {
  constructor(
    @Inject(ScorecardsService) private readonly scorecards: ScorecardsService,
    @Inject(CaseAccess) private readonly access: CaseAccess,
  ) {}

  @Get('scorecards')
  @ApiOperation({ summary: "A case's scorecards with their explanations, corrections beside their originals" })
  async list(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Res({ passthrough: true }) res: Response) {
    await this.access.assertCanRead(me, caseId);
    const { version } = await this.scorecards.load(caseId);
    res.setHeader('ETag', `"${version}"`);
    return { caseId, version, scorecards: await this.scorecards.history(caseId) };
  }

  @Post('what-if')
  @HttpCode(200)
  @ApiOperation({ summary: 'The score and level that changed findings would give; nothing is stored' })
  @ApiBody({ schema: openApiSchema(whatIf) })
  async whatIf(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Body() body: unknown) {
    await this.access.assertCanRead(me, caseId);
    const changes = parseInput(whatIf, body);
    const { state } = await this.scorecards.load(caseId);
    const current = state.records.find((r) => r.scorecardId === state.current);
    const catalogueVersion = changes.catalogueVersion ?? current?.scorecard.catalogueVersion;
    if (!catalogueVersion) throw new NotFoundException(`case ${caseId} has no scorecard yet; name a catalogueVersion to try findings`);
    const { catalogueVersion: _v, ...overrides } = changes;
    const present = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    const input = { findings: [], ...current?.input, ...present };
    const result = score(await this.scorecards.catalogue(catalogueVersion), input);
    if (!result.ok) throw new DomainRefusal('InvalidScoringInput', result.problems.join('; '), 422);
    return { scorecard: result.scorecard, difference: current ? compareScorecards(current.scorecard, result.scorecard) : null, stored: false };
  }

  @Post('scorecards/:scorecardId/corrections')
  @ApiOperation({ summary: "An auditor's correction: a new scorecard from corrected findings, the original kept beside it (If-Match required)" })
  @ApiBody({ schema: openApiSchema(correction) })
  async correct(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('scorecardId') scorecardId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { reason, ...input } = parseInput(correction, body);
    const expected = await this.expected(caseId, ifMatch);
    const result = await this.scorecards.correct({ id: me.id, role: actingRole(me) }, caseId, scorecardId, input, reason, expected);
    res.status(201).setHeader('ETag', `"${result.version}"`);
    return result;
  }

  @Post('rescore')
  @ApiOperation({ summary: 'Re-score the current findings under another catalogue version; the old scorecard stays and the difference is shown' })
  @ApiBody({ schema: openApiSchema(rescore) })
  async rescore(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { catalogueVersion } = parseInput(rescore, body);
    const expected = await this.expected(caseId, ifMatch);
    const result = await this.scorecards.rescore({ id: me.id, role: actingRole(me) }, caseId, catalogueVersion, expected);
    res.status(201).setHeader('ETag', `"${result.version}"`);
    const created = (await this.scorecards.history(caseId)).find((s) => s.scorecardId === result.scorecardId);
    return { ...result, difference: created?.difference ?? null };
  }

  private async expected(caseId: string, ifMatch: string | undefined): Promise<number> {
    const version = parseIfMatch(ifMatch);
    if (version !== undefined) return version;
    throw new PreconditionRequired((await this.scorecards.load(caseId)).version);
  }
}
