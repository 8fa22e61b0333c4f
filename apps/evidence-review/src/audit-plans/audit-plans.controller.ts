import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ADJUSTMENT_CODES, AUDIT_KINDS, AUDIT_MODES, TEAM_ROLES, type AuditKind } from '@gbt/audit-programme';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { CaseAccess } from '@gbt/case-access';
import { calendarDateSchema, SITE_VISIT_OUTCOMES } from '@gbt/contracts';
import { CLOCK, contextNow, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { CancelAuditPlan, ConfirmAuditPlan, ProposeAuditPlan, RequestAuditPlanChange } from './audit-plan-commands';
import { AuditProgrammeOfCase } from './audit-plan-queries';
import { RecordSiteVisit } from './site-visits';

const id = z.string().trim().min(1).max(200);
const proposalBody = z.strictObject({
  mode: z.enum(AUDIT_MODES),
  startDate: calendarDateSchema,
  endDate: calendarDateSchema,
  team: z.array(z.strictObject({ personId: id, role: z.enum(TEAM_ROLES) })).min(1).max(50),
  requirementIds: z.array(id).min(1).max(500).optional(),
  adjustments: z.array(z.strictObject({ code: z.enum(ADJUSTMENT_CODES), percent: z.number().int().min(1).max(200) })).max(20).optional(),
  requestedSize: z.number().int().min(1).max(2_000).optional(),
});
const revisionBody = z.strictObject({ revision: z.number().int().min(1) });
const changeBody = revisionBody.extend({ reason: z.string().trim().min(1, 'say what should change').max(4_000) });
const cancelBody = z.strictObject({ reason: z.string().trim().min(1, 'say why the plan is cancelled').max(4_000) });
const kindParam = z.enum(AUDIT_KINDS);
const visitBody = z
  .strictObject({ outletId: id, outcome: z.enum(SITE_VISIT_OUTCOMES), finding: z.string().trim().min(1).max(4_000).optional() })
  .refine((b) => b.outcome !== 'finding' || b.finding, { message: 'say what was found at the outlet', path: ['finding'] })
  // Not dropped silently: a finding is recorded as one, and flags the outlet.
  .refine((b) => b.outcome !== 'conforming' || b.finding === undefined, { message: 'a conforming visit found nothing; record the outcome as finding to keep what was found', path: ['finding'] });

@ApiTags('audit-plans')
@ApiBearerAuth()
@Controller('cases/:caseId/audit-plans')
export class AuditPlansController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CaseAccess) private readonly access: CaseAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "The audits of the case's current cycle (initial or recertification, two surveillances) with their plans: man-day computation, outlet sample with its seed, team, dates, confirmation status" })
  async programme(@CurrentUser() me: Principal, @Param('caseId') caseId: string) {
    await this.access.assertCanRead(me, caseId);
    const view = await this.queries.execute(new AuditProgrammeOfCase({ caseId }));
    if (!view) throw new NotFoundException(`case ${caseId} is not known to the review`);
    return view;
  }

  @Post(':kind')
  @HttpCode(201)
  @ApiOperation({ summary: 'The lead proposes the plan of an audit (or a new revision): the service draws the outlet sample with a fresh seed (kept by later revisions) and computes the man-days' })
  @ApiBody({ schema: openApiSchema(proposalBody) })
  async propose(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('kind') kind: string, @Body() body: unknown) {
    const proposal = parseInput(proposalBody, body);
    return this.commands.execute(new ProposeAuditPlan({ caseId, kind: this.kind(kind), ...proposal }, this.now(me)));
  }

  @Post(':kind/confirmation')
  @HttpCode(200)
  @ApiOperation({ summary: 'The applicant confirms the revision of the plan they were shown' })
  @ApiBody({ schema: openApiSchema(revisionBody) })
  async confirm(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('kind') kind: string, @Body() body: unknown) {
    const { revision } = parseInput(revisionBody, body);
    return this.commands.execute(new ConfirmAuditPlan({ caseId, kind: this.kind(kind), revision }, this.now(me)));
  }

  @Post(':kind/change-requests')
  @HttpCode(200)
  @ApiOperation({ summary: 'The applicant asks for a change to the revision they were shown, saying what' })
  @ApiBody({ schema: openApiSchema(changeBody) })
  async requestChange(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('kind') kind: string, @Body() body: unknown) {
    const { revision, reason } = parseInput(changeBody, body);
    return this.commands.execute(new RequestAuditPlanChange({ caseId, kind: this.kind(kind), revision, reason }, this.now(me)));
  }

  @Post(':kind/cancellation')
  @HttpCode(200)
  @ApiOperation({ summary: 'The lead cancels a proposed or confirmed plan, saying why; a cancelled plan is final' })
  @ApiBody({ schema: openApiSchema(cancelBody) })
  async cancel(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('kind') kind: string, @Body() body: unknown) {
    const { reason } = parseInput(cancelBody, body);
    return this.commands.execute(new CancelAuditPlan({ caseId, kind: this.kind(kind), reason }, this.now(me)));
  }

  @Post(':kind/site-visits')
  @HttpCode(201)
  @ApiOperation({ summary: "An auditor of a confirmed surveillance plan records a sampled outlet's visit (its site task): conforming, or a finding, which flags the outlet for the next audit's sample" })
  @ApiBody({ schema: openApiSchema(visitBody) })
  async recordVisit(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('kind') kind: string, @Body() body: unknown) {
    const visit = parseInput(visitBody, body);
    return this.commands.execute(new RecordSiteVisit({ caseId, kind: this.kind(kind), ...visit }, this.now(me)));
  }

  private kind(kind: string): AuditKind {
    return parseInput(z.strictObject({ kind: kindParam }), { kind }, 'path').kind;
  }

  private now(me: Principal) {
    return contextNow({ id: me.id, role: actingRole(me) }, this.clock);
  }
}
