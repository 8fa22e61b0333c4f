import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { CLOCK, contextNow, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { COMPLAINTS, type Complaints } from './complaint.aggregate';
import { ProvideComplaintInformation } from './complaint-commands';
import { holderView } from './complaint-view';
import { ComplaintViews } from './complaint-views';

const answer = z.strictObject({ requestId: z.string().min(1).max(200), answer: z.string().trim().min(1).max(4_000) });

/** A case's complaints as its holder (and staff) see them: that they exist, what is asked of the holder, the outcome; never who complained. */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('cases/:caseId/complaints')
export class CaseComplaintsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(COMPLAINTS) private readonly complaints: Complaints,
    @Inject(ComplaintViews) private readonly views: ComplaintViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "The complaints about the case's certificates, with the requests for information to its holder" })
  async list(@Param('caseId') caseId: string) {
    const items = [];
    for (const reference of await this.views.ofCase(caseId)) {
      const { state, events } = await this.complaints.load(reference);
      // Relinked to another certificate at triage: no longer this case's.
      if (state.status !== 'none' && state.about.caseId === caseId) items.push(holderView(state, events));
    }
    return { caseId, items };
  }

  @Post(':reference/information')
  @HttpCode(200)
  @ApiOperation({ summary: "The holder answers a complaint's request for information" })
  @ApiBody({ schema: openApiSchema(answer) })
  async answer(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('reference') reference: string, @Body() body: unknown) {
    const after = await this.commands.execute(new ProvideComplaintInformation({ caseId, reference, ...parseInput(answer, body) }, contextNow({ id: me.id, role: actingRole(me) }, this.clock)));
    const { events } = await this.complaints.load(reference);
    return holderView(after, events);
  }
}
