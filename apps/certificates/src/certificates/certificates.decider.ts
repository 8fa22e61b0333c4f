import type { Decider } from '@gbt/decider';
import type { Level } from '@gbt/catalogue';

/** One certification decision, bound to the hashes of exactly what the decision maker approved. */
export interface DecisionRecord {
  readonly decisionId: string;
  readonly cycle: number;
  readonly outcome: 'grant' | 'deny';
  readonly level: Level | null;
  readonly reasons: string;
  readonly scorecardId: string;
  readonly scorecardHash: string;
  readonly reviewReportHash: string | null;
  readonly certificateNumber: string | null;
  readonly decidedBy: string;
  readonly stale: string | null;
  /** The request the decision sent to the lifecycle, and what became of it. */
  readonly requestId: string | null;
  readonly answer: Answer | null;
}

/** What the lifecycle's owner answered to a request: accepted, or rejected with its refusal code. */
export interface Answer {
  readonly outcome: 'accepted' | 'rejected';
  readonly code: string | null;
  readonly reason: string | null;
}

/** A request this service sent to the lifecycle: requested until answered. */
export interface RequestRecord {
  readonly requested: string;
  readonly status: 'requested' | Answer['outcome'];
  readonly code: string | null;
  readonly reason: string | null;
  /** The certificate number voided because the grant that reserved it was rejected. */
  readonly voidedNumber: string | null;
}

export interface CertificatesState {
  readonly decisions: readonly DecisionRecord[];
  /** The latest issued version of each certificate number, and which of them have their PDF. */
  readonly issued: Readonly<Record<string, number>>;
  readonly rendered: readonly string[];
  readonly requests: Readonly<Record<string, RequestRecord>>;
}

type Data = Record<string, unknown>;
export interface CertificatesEvent {
  readonly type: string;
  readonly data: Data;
}

export type CertificatesCommand =
  | ({ type: 'decide'; caseId: string; requestId: string } & Omit<DecisionRecord, 'stale' | 'requestId' | 'answer'>)
  | { type: 'mark-stale'; caseId: string; decisionId: string; reason: string }
  | { type: 'issue'; caseId: string; number: string; version: number; cycle: number; supersedes: string | null; certificate: Data }
  | { type: 'record-rendering'; caseId: string; number: string; version: number; sha256: string; bytes: number }
  /** Lifecycle inputs and reminders, already checked against the lifecycle by the service. */
  | { type: 'publish'; event: CertificatesEvent }
  | ({ type: 'record-answer'; caseId: string; requestId: string } & Answer);

export interface CertificatesRefusal {
  readonly error: string;
  readonly message: string;
}

const refuse = (error: string, message: string): CertificatesRefusal => ({ error, message });
const ev = (type: string, data: Data): CertificatesEvent => ({ type: `certificates.${type}`, data });
const renderKey = (number: string, version: number) => `${number}@${version}`;

function decide(c: CertificatesCommand, s: CertificatesState): CertificatesEvent[] | CertificatesRefusal {
  switch (c.type) {
    case 'decide': {
      const { type: _t, caseId, requestId, ...decision } = c;
      // A decision the lifecycle rejected was never taken: the cycle may be decided again.
      const earlier = s.decisions.filter((d) => d.cycle === c.cycle && d.answer?.outcome !== 'rejected').at(-1);
      if (earlier && !earlier.stale) return refuse('AlreadyDecided', `cycle ${c.cycle} of ${caseId} was decided (${earlier.outcome}) by ${earlier.decidedBy}; it can be taken again only when it goes stale`);
      const recorded = (sends: boolean) => ev('decision-recorded', { caseId, ...decision, ...(sends ? { requestId } : {}) });
      if (!earlier) {
        return decision.outcome === 'grant'
          ? [recorded(true), ev('certification-granted', { caseId, requestId, certificateNumber: decision.certificateNumber, level: decision.level, scorecardId: decision.scorecardId })]
          : [recorded(true), ev('certification-denied', { caseId, requestId, reason: decision.reasons })];
      }
      // Retaken after going stale: the certificate it granted stands if the new decision grants, and is withdrawn if it denies.
      if (decision.outcome === 'grant' || earlier.outcome === 'deny') return [recorded(false)];
      return [recorded(true), ev('certificate-withdrawn', { caseId, requestId, reason: `decision retaken on a changed basis: ${decision.reasons}` })];
    }
    case 'mark-stale': {
      const latest = s.decisions.at(-1);
      if (!latest || latest.decisionId !== c.decisionId || latest.stale) return [];
      return [ev('decision-went-stale', { caseId: c.caseId, decisionId: c.decisionId, reason: c.reason })];
    }
    case 'issue': {
      if ((s.issued[c.number] ?? 0) >= c.version) return [];
      const { type: _t, ...data } = c;
      return [ev('certificate-issued', data)];
    }
    case 'record-rendering': {
      if (s.rendered.includes(renderKey(c.number, c.version))) return [];
      const { type: _t, ...data } = c;
      return [ev('certificate-rendered', data)];
    }
    case 'publish':
      return [c.event];
    case 'record-answer': {
      const request = s.requests[c.requestId];
      // Not a request of this stream, or answered already (a redelivered reply).
      if (!request || request.status !== 'requested') return [];
      const answered = ev('request-answered', { caseId: c.caseId, requestId: c.requestId, requested: request.requested, outcome: c.outcome, code: c.code, reason: c.reason });
      const decision = s.decisions.find((d) => d.requestId === c.requestId);
      if (c.outcome === 'rejected' && decision?.certificateNumber && request.requested === 'certificates.certification-granted') {
        return [answered, ev('certificate-number-voided', { caseId: c.caseId, number: decision.certificateNumber, decisionId: decision.decisionId, reason: `${c.code}: ${c.reason}` })];
      }
      return [answered];
    }
  }
}

function evolve(s: CertificatesState, e: CertificatesEvent): CertificatesState {
  const d = e.data;
  switch (e.type) {
    case 'certificates.decision-recorded': {
      const { caseId: _c, requestId, ...decision } = d as unknown as Omit<DecisionRecord, 'requestId'> & { caseId: string; requestId?: string };
      return { ...s, decisions: [...s.decisions, { ...decision, stale: null, requestId: requestId ?? null, answer: null }] };
    }
    case 'certificates.request-answered': {
      const answer: Answer = { outcome: d.outcome as Answer['outcome'], code: (d.code as string | null) ?? null, reason: (d.reason as string | null) ?? null };
      const request = s.requests[d.requestId as string];
      return {
        ...s,
        requests: request ? { ...s.requests, [d.requestId as string]: { ...request, status: answer.outcome, code: answer.code, reason: answer.reason } } : s.requests,
        decisions: s.decisions.map((x) => (x.requestId === d.requestId ? { ...x, answer } : x)),
      };
    }
    case 'certificates.certificate-number-voided': {
      const requestId = s.decisions.find((x) => x.decisionId === d.decisionId)?.requestId;
      const request = requestId ? s.requests[requestId] : undefined;
      return requestId && request ? { ...s, requests: { ...s.requests, [requestId]: { ...request, voidedNumber: d.number as string } } } : s;
    }
    case 'certificates.decision-went-stale':
      return { ...s, decisions: s.decisions.map((x) => (x.decisionId === d.decisionId ? { ...x, stale: d.reason as string } : x)) };
    case 'certificates.certificate-issued':
      return { ...s, issued: { ...s.issued, [d.number as string]: d.version as number } };
    case 'certificates.certificate-rendered':
      return { ...s, rendered: [...s.rendered, renderKey(d.number as string, d.version as number)] };
    default:
      // Every request to the lifecycle carries its id: it is "requested" until the answer comes.
      if (typeof d.requestId === 'string' && !s.requests[d.requestId]) {
        return { ...s, requests: { ...s.requests, [d.requestId]: { requested: e.type, status: 'requested', code: null, reason: null, voidedNumber: null } } };
      }
      return s;
  }
}

export const certificatesDecider: Decider<CertificatesCommand, CertificatesEvent, CertificatesState, CertificatesRefusal> = {
  initialState: { decisions: [], issued: {}, rendered: [], requests: {} },
  decide,
  evolve,
};
