import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Filter } from 'mongodb';
import { z } from 'zod';
import { CurrentUser, isStaff, type Principal } from '@gbt/auth';
import { CASE_STATUSES, LEVELS } from '@gbt/certification';
import { parseInput } from '@gbt/platform';
import { CaseListProjector } from './case-list.projector';
import type { CaseRow } from './rows';

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
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CaseListController {
  constructor(@Inject(CaseListProjector) private readonly projector: CaseListProjector) {}

  @Get('cases')
  @ApiOperation({ summary: "Case list: an applicant sees its organisations' cases, staff see all, filtered by state, level, organisation and due date" })
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${CASE_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'level', required: false, description: `comma-separated: ${LEVELS.join(', ')}` })
  @ApiQuery({ name: 'organisationId', required: false })
  @ApiQuery({ name: 'dueBefore', required: false, description: 'surveillance, suspension end or expiry before this instant' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async list(@CurrentUser() me: Principal, @Query() query: unknown) {
    const q = parseInput(listQuery, query, 'query');
    const filter: Filter<CaseRow> = {};
    if (q.status) filter.status = { $in: q.status };
    if (q.level) filter.level = { $in: q.level };
    if (q.dueBefore) filter.dueBy = { $lte: new Date(q.dueBefore).toISOString() };
    if (!isStaff(me)) {
      const mine = (await this.projector.organisations.find({ members: me.id }).toArray()).map((o) => o._id);
      const wanted = q.organisationId ? mine.filter((id) => id === q.organisationId) : mine;
      filter.organisationId = { $in: wanted };
    } else if (q.organisationId) {
      filter.organisationId = q.organisationId;
    }
    const [items, total] = await Promise.all([
      this.projector.cases.find(filter).sort({ updatedAt: -1 }).skip(q.offset).limit(q.limit).toArray(),
      this.projector.cases.countDocuments(filter),
    ]);
    return { total, limit: q.limit, offset: q.offset, items: items.map(({ _id, ...row }) => ({ caseId: _id, ...row })) };
  }

  @Post('admin/read-models/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Drop the case list read models and rebuild them from the event log' })
  rebuild() {
    return this.projector.rebuild();
  }
}
