import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SignedCertificate } from '@gbt/certificate-core';
import type { DecisionBasis, LifecycleRequestStatus } from '@gbt/contracts/views';
import { StaffCompetence } from '@gbt/competence';
import { DomainQuery, DomainRefusal } from '@gbt/platform';
import { EvaluationRecords } from '../evaluation/evaluation-records';
import { CaseMirror } from '../lifecycle/case-mirror';
import { CERTIFICATES, type Certificates } from './certificates.aggregate';
import { awaitingDecision, cycleOf, levelReopened, notAllowed, requestView, setAsideDeciders, whyNotDecider } from './decision-commands';
import { Issuance } from './issuance';

/** What a decision maker approves: the scorecard and review report with the hashes a decision binds to, and earlier decisions. */
export class DecisionBasisOf extends DomainQuery<{ caseId: string; readerId: string; at: Date }, DecisionBasis> {}

/** Where a request to the lifecycle stands: requested until the lifecycle's owner answers, then accepted or rejected with the code. */
export class RequestStatusOf extends DomainQuery<{ caseId: string; requestId: string }, LifecycleRequestStatus> {}

/** The latest signed version of a certificate; null before its first is kept. */
export class CertificateDocumentOf extends DomainQuery<{ number: string }, SignedCertificate | null> {}

/** The sealed PDF of a certificate's latest signed version; null while it is being rendered. */
export class CertificatePdfOf extends DomainQuery<{ number: string }, Buffer | null> {}

@QueryHandler(DecisionBasisOf)
export class DecisionBasisHandler implements IQueryHandler<DecisionBasisOf> {
  constructor(
    @Inject(CERTIFICATES) private readonly certificates: Certificates,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(EvaluationRecords) private readonly evaluations: EvaluationRecords,
    @Inject(StaffCompetence) private readonly staff: StaffCompetence,
  ) {}

  async execute({ data: { caseId, readerId, at } }: DecisionBasisOf): Promise<DecisionBasis> {
    const { state } = await this.mirror.get(caseId);
    if (!state) throw new DomainRefusal('UnknownCase', `case ${caseId} is not known here`, 404);
    const evaluation = await this.evaluations.get(caseId);
    const scorecard = state.score ? (evaluation.scorecards.find((s) => s.scorecardId === state.score?.scorecardId) ?? null) : null;
    const { state: records } = await this.certificates.load(caseId);
    return {
      caseId,
      status: state.status,
      awaitingDecision: awaitingDecision(state),
      redecidesLevel: levelReopened(state),
      cycle: cycleOf(state),
      score: state.score,
      scorecard,
      reviewReport: evaluation.reviewReport,
      evaluators: state.evaluators,
      decisions: records.decisions.map((d) => ({ ...d, voidedNumber: (d.requestId && records.requests[d.requestId]?.voidedNumber) || null })),
      notForYou: notAllowed(await whyNotDecider(state, readerId, this.staff, at, setAsideDeciders(records, cycleOf(state)))),
    };
  }
}

@QueryHandler(RequestStatusOf)
export class RequestStatusHandler implements IQueryHandler<RequestStatusOf> {
  constructor(@Inject(CERTIFICATES) private readonly certificates: Certificates) {}

  async execute({ data: { caseId, requestId } }: RequestStatusOf): Promise<LifecycleRequestStatus> {
    const request = (await this.certificates.load(caseId)).state.requests[requestId];
    if (!request) throw new DomainRefusal('UnknownRequest', `case ${caseId} has no request ${requestId}`, 404);
    return requestView(caseId, requestId, request);
  }
}

@QueryHandler(CertificateDocumentOf)
export class CertificateDocumentHandler implements IQueryHandler<CertificateDocumentOf> {
  constructor(@Inject(Issuance) private readonly issuance: Issuance) {}

  execute({ data }: CertificateDocumentOf): Promise<SignedCertificate | null> {
    return this.issuance.document(data.number);
  }
}

@QueryHandler(CertificatePdfOf)
export class CertificatePdfHandler implements IQueryHandler<CertificatePdfOf> {
  constructor(@Inject(Issuance) private readonly issuance: Issuance) {}

  execute({ data }: CertificatePdfOf): Promise<Buffer | null> {
    return this.issuance.pdf(data.number);
  }
}

export const certificateQueryHandlers = [DecisionBasisHandler, RequestStatusHandler, CertificateDocumentHandler, CertificatePdfHandler];
