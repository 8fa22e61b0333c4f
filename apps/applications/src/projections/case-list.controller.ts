import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, type Principal } from '@gbt/auth';
import { CASE_STATUSES, LEVELS } from '@gbt/certification';
import type { CaseListPage } from '@gbt/contracts/views';
import { CLOCK, parseInput, type Clock } from '@gbt/platform';
import { httpContext } from '../cases/case-http';
import { CaseList, RebuildCaseList } from './case-list-queries';

const csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values as [T, ...T[]])))
    .optional();

const listQuery = z.strictObject({
  status: csv(CASE_STATUSES),
  level: csv(LEVELS),
  organisationId: z.string().min(1).max(100).optional(),
  dueBefore: z.string().datetime({ offset: true, message: 'dueBefore must be an ISO 8601 instant' }).optional(),
  levelReopened: z.enum(['true'], { message: 'levelReopened can only be true' }).transform(() => true).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CaseListController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('cases')
  @ApiOperation({ summary: "Case list: an applicant sees its organisations' cases, staff see all, filtered by state, level, organisation and due date" })
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${CASE_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'level', required: false, description: `comma-separated: ${LEVELS.join(', ')}` })
  @ApiQuery({ name: 'organisationId', required: false })
  @ApiQuery({ name: 'dueBefore', required: false, description: 'surveillance, suspension end or expiry before this instant' })
  @ApiQuery({ name: 'levelReopened', required: false, description: "true: only cases whose certificate's level an upheld appeal has the decision makers decide again (ADR 0038)" })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  list(@CurrentUser() me: Principal, @Query() query: unknown): Promise<CaseListPage> {
    const { dueBefore, ...q } = parseInput(listQuery, query, 'query');
    return this.queries.execute(new CaseList({ principal: me, request: { ...q, dueBefore: dueBefore && new Date(dueBefore).toISOString() } }));
  }

  @Post('admin/read-models/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Drop the case list read models and rebuild them from the event log' })
  rebuild(@CurrentUser() me: Principal) {
    return this.commands.execute(new RebuildCaseList({}, httpContext(me, this.clock)));
  }
}
