import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ComplaintKind, ComplaintOutcome, ComplaintRejectionCode } from '@gbt/contracts';
import type { CertificateRequested, ComplaintReceiptView } from '@gbt/contracts/views';
import { DomainCommand, DomainRefusal } from '@gbt/platform';
import { RecordSurveillance, SuspendCertificate } from '../certificates/certificate-commands';
import { CaseMirror } from '../lifecycle/case-mirror';
import { Registry } from '../registry/registry';
import type { About } from './complaint.decider';
import { ComplaintHandling, type OpenComplaint } from './complaint-handling';
import { ComplaintReferences } from './complaint-references';
import { ComplaintViews } from './complaint-views';

export interface Contact {
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}
export type ComplaintReceipt = ComplaintReceiptView;

/** Anyone's complaint, about a certificate (by number) or about the body itself. */
export class FileComplaint extends DomainCommand<{ kind: ComplaintKind; certificateNumber: string | null; description: string; contact: Contact | null }, ComplaintReceipt> {}
/** Taken up as about a certificate (linked to it) or about the body, or rejected with a code. */
export class TriageComplaint extends DomainCommand<{ reference: string; decision: 'accepted' | 'rejected'; kind?: ComplaintKind; certificateNumber?: string; rejectionCode?: ComplaintRejectionCode; note?: string }, OpenComplaint> {}
export class RequestComplaintInformation extends DomainCommand<{ reference: string; question: string }, OpenComplaint> {}
/** The holder's answer, on their case. */
export class ProvideComplaintInformation extends DomainCommand<{ caseId: string; reference: string; requestId: string; answer: string }, OpenComplaint> {}
export class OrderExtraordinarySurveillance extends DomainCommand<{ reference: string; note: string }, OpenComplaint> {}
/** The extraordinary surveillance's result, sent to the lifecycle as a surveillance: a failure suspends the certificate. */
export class RecordExtraordinarySurveillance extends DomainCommand<{ reference: string; passed: boolean; reason?: string }, CertificateRequested> {}
/** Closed with an outcome; "founded — suspension" asks the lifecycle to suspend unless the certificate is suspended already. */
export class CloseComplaint extends DomainCommand<{ reference: string; outcome: ComplaintOutcome; reasons: string; suspensionMonths?: number }, OpenComplaint> {}

const oneOf = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());

@CommandHandler(FileComplaint)
export class FileComplaintHandler implements ICommandHandler<FileComplaint> {
  constructor(
    @Inject(ComplaintHandling) private readonly handling: ComplaintHandling,
    @Inject(ComplaintReferences) private readonly references: ComplaintReferences,
    @Inject(ComplaintViews) private readonly views: ComplaintViews,
    @Inject(Registry) private readonly registry: Registry,
  ) {}

  async execute({ data, context }: FileComplaint): Promise<ComplaintReceipt> {
    const entry = data.kind === 'certificate' ? await this.registry.require(data.certificateNumber ?? '') : null;
    const about: About = { kind: data.kind, certificateNumber: entry?._id ?? null, caseId: entry?.caseId ?? null };
    const reference = await this.references.next(context.at);
    const answerDueBy = this.handling.after(context.at, this.handling.settings.answerWorkingDays);
    const contactGiven = Boolean(data.contact && (data.contact.name || data.contact.phone || data.contact.email));
    // Kept before the complaint, so an accepted complaint never lacks the contact it came with.
    if (data.contact && contactGiven) await this.views.saveContact(reference, data.contact);
    const receivedAt = context.at.toISOString();
    await this.handling.run(reference, { type: 'receive', reference, ...about, description: data.description, contactGiven, receivedAt, answerDueBy: answerDueBy.toISOString() }, context);
    await this.handling.planAnswerTimers(reference, context.at, answerDueBy);
    return { reference, receivedAt, answerDueBy: answerDueBy.toISOString(), contactGiven };
  }
}

@CommandHandler(TriageComplaint)
export class TriageComplaintHandler implements ICommandHandler<TriageComplaint> {
  constructor(
    @Inject(ComplaintHandling) private readonly handling: ComplaintHandling,
    @Inject(Registry) private readonly registry: Registry,
  ) {}

  async execute({ data, context }: TriageComplaint): Promise<OpenComplaint> {
    const current = await this.handling.require(data.reference);
    let about = current.about;
    if (data.decision === 'accepted') {
      const kind = data.kind ?? current.about.kind;
      const number = data.certificateNumber ?? current.about.certificateNumber;
      if (kind === 'certificate' && !number) throw new DomainRefusal('NotAboutCertificate', `complaint ${data.reference}: name the certificate it is about`, 400);
      const entry = kind === 'certificate' ? await this.registry.require(number ?? '') : null;
      about = { kind, certificateNumber: entry?._id ?? null, caseId: entry?.caseId ?? null };
    }
    return this.handling.run(data.reference, { type: 'triage', about, decision: data.decision, rejectionCode: data.rejectionCode ?? null, note: oneOf(data.note) }, context);
  }
}

@CommandHandler(RequestComplaintInformation)
export class RequestComplaintInformationHandler implements ICommandHandler<RequestComplaintInformation> {
  constructor(@Inject(ComplaintHandling) private readonly handling: ComplaintHandling) {}

  execute({ data, context }: RequestComplaintInformation): Promise<OpenComplaint> {
    const dueBy = this.handling.after(context.at, this.handling.settings.informationWorkingDays).toISOString();
    return this.handling.run(data.reference, { type: 'request-information', requestId: randomUUID(), question: data.question, dueBy }, context);
  }
}

@CommandHandler(ProvideComplaintInformation)
export class ProvideComplaintInformationHandler implements ICommandHandler<ProvideComplaintInformation> {
  constructor(@Inject(ComplaintHandling) private readonly handling: ComplaintHandling) {}

  execute({ data: { reference, ...answer }, context }: ProvideComplaintInformation): Promise<OpenComplaint> {
    return this.handling.run(reference, { type: 'provide-information', ...answer }, context);
  }
}

@CommandHandler(OrderExtraordinarySurveillance)
export class OrderExtraordinarySurveillanceHandler implements ICommandHandler<OrderExtraordinarySurveillance> {
  constructor(@Inject(ComplaintHandling) private readonly handling: ComplaintHandling) {}

  execute({ data, context }: OrderExtraordinarySurveillance): Promise<OpenComplaint> {
    return this.handling.run(data.reference, { type: 'order-surveillance', note: data.note }, context);
  }
}

@CommandHandler(RecordExtraordinarySurveillance)
export class RecordExtraordinarySurveillanceHandler implements ICommandHandler<RecordExtraordinarySurveillance> {
  constructor(
    @Inject(ComplaintHandling) private readonly handling: ComplaintHandling,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async execute({ data, context }: RecordExtraordinarySurveillance): Promise<CertificateRequested> {
    const complaint = await this.handling.require(data.reference);
    // Checked before the lifecycle is asked, so a request is only sent for a surveillance the complaint ordered.
    if (complaint.status === 'closed') throw new DomainRefusal('ComplaintClosed', `complaint ${data.reference} is closed`, 409);
    if (complaint.surveillance !== 'ordered' || !complaint.about.certificateNumber) throw new DomainRefusal('SurveillanceNotOrdered', `complaint ${data.reference}: no extraordinary surveillance is ordered`, 409);
    const reason = data.passed ? undefined : `${data.reason ?? ''} (complaint ${data.reference})`.trim();
    const requested = await this.commands.execute(new RecordSurveillance({ number: complaint.about.certificateNumber, passed: data.passed, extraordinary: true, ...(reason ? { reason } : {}) }, context));
    await this.handling.run(data.reference, { type: 'record-surveillance', passed: data.passed, reason: data.reason ?? null, lifecycleRequestId: requested.requestId }, context);
    return requested;
  }
}

@CommandHandler(CloseComplaint)
export class CloseComplaintHandler implements ICommandHandler<CloseComplaint> {
  constructor(
    @Inject(ComplaintHandling) private readonly handling: ComplaintHandling,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async execute({ data, context }: CloseComplaint): Promise<OpenComplaint> {
    const complaint = await this.handling.require(data.reference);
    let suspensionRequestId: string | null = null;
    const { caseId, certificateNumber } = complaint.about;
    if (data.outcome === 'founded-suspension' && complaint.status === 'investigating' && complaint.surveillance !== 'ordered' && caseId && certificateNumber) {
      // A failed extraordinary surveillance has suspended it already: nothing more to ask.
      const { state } = await this.mirror.get(caseId);
      if (state?.status !== 'suspended') {
        const reason = `${data.reasons} (complaint ${data.reference})`;
        const requested = await this.commands.execute(new SuspendCertificate({ number: certificateNumber, reason, ...(data.suspensionMonths ? { months: data.suspensionMonths } : {}) }, context));
        suspensionRequestId = requested.requestId;
      }
    }
    return this.handling.run(data.reference, { type: 'close', outcome: data.outcome, reasons: data.reasons, suspensionRequestId }, context);
  }
}

export const complaintCommandHandlers = [
  FileComplaintHandler,
  TriageComplaintHandler,
  RequestComplaintInformationHandler,
  ProvideComplaintInformationHandler,
  OrderExtraordinarySurveillanceHandler,
  RecordExtraordinarySurveillanceHandler,
  CloseComplaintHandler,
];
