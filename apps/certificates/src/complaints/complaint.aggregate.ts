import type { Aggregate, AggregateType } from '@gbt/event-store';
import { COMPLAINT_EVENT_TYPES, complaintDecider, type ComplaintCommand, type ComplaintEvent, type ComplaintRefusal, type ComplaintState } from './complaint.decider';

const STATUS: Partial<Record<ComplaintRefusal['error'], number>> = {
  ComplaintNotFound: 404,
  NoSuchInformationRequest: 404,
  NotThisCase: 404,
  RejectionNeedsCode: 400,
};

/** One stream per complaint, `complaint-<reference>`. */
export const complaintAggregate: AggregateType<ComplaintCommand, ComplaintEvent, ComplaintState, ComplaintRefusal> = {
  decider: complaintDecider,
  eventTypes: COMPLAINT_EVENT_TYPES,
  streamId: (reference) => `complaint-${reference}`,
  refusalStatus: (refusal) => STATUS[refusal.error] ?? 409,
};

export const COMPLAINTS = Symbol('COMPLAINTS');
export type Complaints = Aggregate<ComplaintCommand, ComplaintEvent, ComplaintState, ComplaintRefusal>;
