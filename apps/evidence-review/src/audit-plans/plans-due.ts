import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Model } from 'mongoose';
import type { AuditPlanDueView } from '@gbt/contracts/views';
import { changeList, DomainQuery } from '@gbt/platform';

/**
 * The audit plans a lead has to make because a surveillance timer fired (issue 19): one document,
 * `_id: 'surveillance'`, read and written by `_id` only (ADR 0022). An entry leaves when its plan is
 * proposed, so the document holds only the plans still to make.
 */
@Schema({ collection: 'audit_plans_due', versionKey: false, strict: 'throw' })
export class AuditPlansDue {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [{ _id: false, planId: String, caseId: String, organisationId: String, kind: String, dueBy: String }], required: true, default: [] })
  entries!: AuditPlanDueView[];

  /** Bumped by every change: a writer that read an older list writes nothing and reads again. */
  @Prop({ type: Number, required: true, default: 0 })
  version!: number;
}
export const AuditPlansDueSchema = SchemaFactory.createForClass(AuditPlansDue);

const LIST = 'surveillance';

@Injectable()
export class PlansDue {
  constructor(@InjectModel(AuditPlansDue.name) private readonly lists: Model<AuditPlansDue>) {}

  async list(): Promise<AuditPlanDueView[]> {
    return (await this.lists.findById(LIST).lean())?.entries ?? [];
  }

  /** Once per plan: a redelivered timer fact adds nothing. */
  add(entry: AuditPlanDueView): Promise<void> {
    return this.change((entries) => (entries.some((e) => e.planId === entry.planId) ? null : [...entries, entry]));
  }

  remove(planId: string): Promise<void> {
    return this.change((entries) => (entries.some((e) => e.planId === planId) ? entries.filter((e) => e.planId !== planId) : null));
  }

  /** Every plan of a case the list still asks for: its surveillance was recorded, or its certificate ended. */
  removeCase(caseId: string): Promise<void> {
    return this.change((entries) => (entries.some((e) => e.caseId === caseId) ? entries.filter((e) => e.caseId !== caseId) : null));
  }

  private change(next: (entries: AuditPlanDueView[]) => AuditPlanDueView[] | null): Promise<void> {
    return changeList<AuditPlanDueView>(this.lists, LIST, next);
  }
}

/** The surveillance audits whose plan is still to be proposed, earliest due first. */
export class SurveillancePlansDue extends DomainQuery<void, AuditPlanDueView[]> {}

@QueryHandler(SurveillancePlansDue)
export class SurveillancePlansDueHandler implements IQueryHandler<SurveillancePlansDue> {
  constructor(@Inject(PlansDue) private readonly due: PlansDue) {}

  async execute(): Promise<AuditPlanDueView[]> {
    return (await this.due.list()).sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.planId.localeCompare(b.planId));
  }
}

@ApiTags('audit-plans')
@ApiBearerAuth()
@Controller('audit-plans')
export class PlansDueController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('due')
  @ApiOperation({ summary: 'The surveillance audits to plan: their surveillance timer fired and no plan has been proposed yet, earliest due first' })
  async due(): Promise<AuditPlanDueView[]> {
    return this.queries.execute(new SurveillancePlansDue());
  }
}

export const plansDueFeature = {
  models: [{ name: AuditPlansDue.name, schema: AuditPlansDueSchema }],
  controllers: [PlansDueController],
  providers: [PlansDue, SurveillancePlansDueHandler],
};
