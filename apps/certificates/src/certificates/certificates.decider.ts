import type { Decider } from '@gbt/decider';
import type { Level } from '@gbt/catalogue';
import type { certificateEvents, certificateRecordEvents, EventsOf } from '@gbt/contracts';

/**
 * What the `certificates-<caseId>` stream holds, derived from the contract's schemas (the store
 * validates each event against them on append): the requests this service sends to the lifecycle
 * and its own records. A discriminated union, so `evolve` reads every field typed.
 */
export type CertificatesEvent = EventsOf<typeof certificateEvents> | EventsOf<typeof certificateRecordEvents>;
type DataOf<T extends CertificatesEvent['type']> = Extract<CertificatesEvent, { type: T }>['data'];

export type DecisionRecorded = DataOf<'certificates.decision-recorded'>;
export type RequestAnswered = DataOf<'certificates.request-answered'>;
export type NumberVoided = DataOf<'certificates.certificate-number-voided'>;
export type DecisionWentStale = DataOf<'certificates.decision-went-stale'>;
export type DecisionSetAside = DataOf<'certificates.decision-set-aside'>;
export type CertificateIssued = DataOf<'certificates.certificate-issued'>;
export type CertificateRendered = DataOf<'certificates.certificate-rendered'>;

/** The lifecycle inputs: requests the applications service answers (accepted or rejected). */
export const REQUEST_TYPES = [
  'certificates.grant-certification',
  'certificates.deny-certification',
  'certificates.reach-deadline',
  'certificates.record-surveillance',
  'certificates.suspend-certificate',
  'certificates.reinstate-certificate',
  'certificates.withdraw-certificate',
  'certificates.cancel-certificate',
  'certificates.change-scope',
  'certificates.reopen-decision',
  'certificates.reopen-application',
  'certificates.reopen-level-decision',
  'certificates.redecide-level',
  'certificates.set-aside-withdrawal',
] as const satisfies readonly CertificatesEvent['type'][];
export type RequestType = (typeof REQUEST_TYPES)[number];
export type LifecycleRequest = Extract<CertificatesEvent, { type: RequestType }>;
/** Requests a certificate's holder or staff ask for, each about the current certificate. */
export type CertificateRequest = Extract<LifecycleRequest, { type: Exclude<RequestType, 'certificates.grant-certification' | 'certificates.deny-certification' | 'certificates.reach-deadline'> }>;
export type Reminder = Extract<CertificatesEvent, { type: 'certificates.surveillance-reminder' | 'certificates.renewal-reminder' }>;

/** Every event type the stream folds; checked complete against the union below. */
export const CERTIFICATES_EVENT_TYPES = [
  ...REQUEST_TYPES,
  'certificates.decision-recorded',
  'certificates.request-answered',
  'certificates.certificate-number-voided',
  'certificates.decision-went-stale',
  'certificates.decision-set-aside',
  'certificates.certificate-issued',
  'certificates.certificate-rendered',
  'certificates.surveillance-reminder',
  'certificates.renewal-reminder',
] as const satisfies readonly CertificatesEvent['type'][];
type Unlisted = Exclude<CertificatesEvent['type'], (typeof CERTIFICATES_EVENT_TYPES)[number]>;
// Fails to compile when the contract gains a certificates event that is not listed above.
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

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
  /** The appeal that set the decision aside (ADR 0033): the cycle is decided again, not by its maker. */
  readonly setAside: string | null;
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

export type CertificatesCommand =
  /** `redecidesLevel`: the level decided again after an upheld appeal (ADR 0038), on the certificate it was granted with. */
  | ({ type: 'decide'; caseId: string; requestId: string; redecidesLevel?: boolean } & Omit<DecisionRecord, 'stale' | 'setAside' | 'requestId' | 'answer'>)
  /**
   * An upheld appeal against a decision the case stands on: set aside, and the lifecycle asked to
   * reopen it: a denial (the latest decision) for a new decision, a grant for its level (ADR 0038).
   */
  | { type: 'set-aside'; caseId: string; decisionId: string; appealId: string; reason: string; requestId: string; against?: 'denial' | 'level' }
  | { type: 'mark-stale'; caseId: string; decisionId: string; reason: string }
  | ({ type: 'issue' } & CertificateIssued)
  | ({ type: 'record-rendering' } & CertificateRendered)
  /** A lifecycle input, already checked against the latest status snapshot by its handler. */
  | { type: 'request'; event: LifecycleRequest }
  | { type: 'remind'; event: Reminder }
  | ({ type: 'record-answer'; caseId: string; requestId: string } & Answer);

export interface CertificatesRefusal {
  readonly error: 'AlreadyDecided' | 'NotTheStandingDenial' | 'NotTheStandingGrant';
  readonly message: string;
}

const renderKey = (number: string, version: number) => `${number}@${version}`;

/** The grant of the certificate the case holds, set aside for its level: the lifecycle keeps the certificate while the level is decided again. */
function setAsideGrant(c: Extract<CertificatesCommand, { type: 'set-aside' }>, s: CertificatesState): CertificatesEvent[] | CertificatesRefusal {
  const grant = s.decisions.find((d) => d.decisionId === c.decisionId);
  if (grant?.setAside === c.appealId) return [];
  if (!grant || grant.outcome !== 'grant' || grant.setAside || grant.answer?.outcome === 'rejected') {
    return { error: 'NotTheStandingGrant', message: `decision ${c.decisionId} is not the grant of the level the case stands on; nothing to set aside` };
  }
  const { caseId, decisionId, appealId, reason, requestId } = c;
  return [
    { type: 'certificates.decision-set-aside', data: { caseId, decisionId, appealId, reason } },
    { type: 'certificates.reopen-level-decision', data: { caseId, requestId, appealId, setAsideBy: grant.decidedBy } },
  ];
}

function decide(c: CertificatesCommand, s: CertificatesState): CertificatesEvent[] | CertificatesRefusal {
  switch (c.type) {
    case 'decide': {
      const { type: _t, caseId, requestId, redecidesLevel, ...decision } = c;
      // A decision the lifecycle rejected was never taken: the cycle may be decided again.
      // One set aside by an upheld appeal was taken, but the cycle is decided anew (by someone else: the command handler checks).
      const earlier = s.decisions.filter((d) => d.cycle === c.cycle && d.answer?.outcome !== 'rejected' && !d.setAside).at(-1);
      if (earlier && !earlier.stale) {
        return { error: 'AlreadyDecided', message: `cycle ${c.cycle} of ${caseId} was decided (${earlier.outcome}) by ${earlier.decidedBy}; it can be taken again only when it goes stale` };
      }
      const recorded = (sends: boolean): CertificatesEvent => ({ type: 'certificates.decision-recorded', data: { caseId, ...decision, ...(sends ? { requestId } : {}) } });
      if (redecidesLevel) {
        const { level, scorecardId } = decision;
        if (decision.outcome !== 'grant' || !level) throw new Error(`a level decided again is a grant with its level (decision ${decision.decisionId})`);
        return [recorded(true), { type: 'certificates.redecide-level', data: { caseId, requestId, level, scorecardId } }];
      }
      if (!earlier) {
        if (decision.outcome === 'grant') {
          const { certificateNumber, level, scorecardId } = decision;
          if (!certificateNumber || !level) throw new Error(`a grant carries its certificate number and level (decision ${decision.decisionId})`);
          return [recorded(true), { type: 'certificates.grant-certification', data: { caseId, requestId, certificateNumber, level, scorecardId } }];
        }
        return [recorded(true), { type: 'certificates.deny-certification', data: { caseId, requestId, reason: decision.reasons } }];
      }
      // Retaken after going stale: the certificate it granted stands if the new decision grants, and is withdrawn if it denies.
      if (decision.outcome === 'grant' || earlier.outcome === 'deny') return [recorded(false)];
      return [recorded(true), { type: 'certificates.withdraw-certificate', data: { caseId, requestId, reason: decision.reasons, grounds: 'decision-retaken' } }];
    }
    case 'mark-stale': {
      const latest = s.decisions.at(-1);
      if (!latest || latest.decisionId !== c.decisionId || latest.stale || latest.setAside) return [];
      return [{ type: 'certificates.decision-went-stale', data: { caseId: c.caseId, decisionId: c.decisionId, reason: c.reason } }];
    }
    case 'set-aside': {
      if (c.against === 'level') return setAsideGrant(c, s);
      const latest = s.decisions.at(-1);
      if (latest?.setAside === c.appealId) return [];
      if (!latest || latest.decisionId !== c.decisionId || latest.outcome !== 'deny') {
        return { error: 'NotTheStandingDenial', message: `decision ${c.decisionId} is not the denial the case stands on; nothing to set aside` };
      }
      const { caseId, decisionId, appealId, reason, requestId } = c;
      return [
        { type: 'certificates.decision-set-aside', data: { caseId, decisionId, appealId, reason } },
        { type: 'certificates.reopen-decision', data: { caseId, requestId, appealId } },
      ];
    }
    case 'issue': {
      if ((s.issued[c.number] ?? 0) >= c.version) return [];
      const { type: _t, ...data } = c;
      return [{ type: 'certificates.certificate-issued', data }];
    }
    case 'record-rendering': {
      if (s.rendered.includes(renderKey(c.number, c.version))) return [];
      const { type: _t, ...data } = c;
      return [{ type: 'certificates.certificate-rendered', data }];
    }
    case 'request':
    case 'remind':
      return [c.event];
    case 'record-answer': {
      const request = s.requests[c.requestId];
      // Not a request of this stream, or answered already (a redelivered reply).
      if (!request || request.status !== 'requested') return [];
      const answered: CertificatesEvent = {
        type: 'certificates.request-answered',
        data: { caseId: c.caseId, requestId: c.requestId, requested: request.requested, outcome: c.outcome, code: c.code, reason: c.reason },
      };
      const decision = s.decisions.find((d) => d.requestId === c.requestId);
      if (c.outcome === 'rejected' && decision?.certificateNumber && request.requested === 'certificates.grant-certification') {
        const voided = { caseId: c.caseId, number: decision.certificateNumber, decisionId: decision.decisionId, reason: `${c.code}: ${c.reason}` };
        return [answered, { type: 'certificates.certificate-number-voided', data: voided }];
      }
      return [answered];
    }
  }
}

/** Every request to the lifecycle carries its id: it is "requested" until the answer comes. */
function requested(s: CertificatesState, e: LifecycleRequest): CertificatesState {
  const { requestId } = e.data;
  if (requestId === undefined || s.requests[requestId]) return s;
  return { ...s, requests: { ...s.requests, [requestId]: { requested: e.type, status: 'requested', code: null, reason: null, voidedNumber: null } } };
}

function evolve(s: CertificatesState, e: CertificatesEvent): CertificatesState {
  switch (e.type) {
    case 'certificates.decision-recorded': {
      const { caseId: _c, requestId, ...decision } = e.data;
      return { ...s, decisions: [...s.decisions, { ...decision, stale: null, setAside: null, requestId: requestId ?? null, answer: null }] };
    }
    case 'certificates.request-answered': {
      const d = e.data;
      const answer: Answer = { outcome: d.outcome, code: d.code, reason: d.reason };
      const request = s.requests[d.requestId];
      return {
        ...s,
        requests: request ? { ...s.requests, [d.requestId]: { ...request, status: answer.outcome, code: answer.code, reason: answer.reason } } : s.requests,
        decisions: s.decisions.map((x) => (x.requestId === d.requestId ? { ...x, answer } : x)),
      };
    }
    case 'certificates.certificate-number-voided': {
      const d = e.data;
      const requestId = s.decisions.find((x) => x.decisionId === d.decisionId)?.requestId;
      const request = requestId ? s.requests[requestId] : undefined;
      return requestId && request ? { ...s, requests: { ...s.requests, [requestId]: { ...request, voidedNumber: d.number } } } : s;
    }
    case 'certificates.decision-went-stale': {
      const d = e.data;
      return { ...s, decisions: s.decisions.map((x) => (x.decisionId === d.decisionId ? { ...x, stale: d.reason } : x)) };
    }
    case 'certificates.decision-set-aside': {
      const d = e.data;
      return { ...s, decisions: s.decisions.map((x) => (x.decisionId === d.decisionId ? { ...x, setAside: d.appealId } : x)) };
    }
    case 'certificates.certificate-issued':
      return { ...s, issued: { ...s.issued, [e.data.number]: e.data.version } };
    case 'certificates.certificate-rendered':
      return { ...s, rendered: [...s.rendered, renderKey(e.data.number, e.data.version)] };
    case 'certificates.surveillance-reminder':
    case 'certificates.renewal-reminder':
      return s;
    default:
      return requested(s, e);
  }
}

export const certificatesDecider: Decider<CertificatesCommand, CertificatesEvent, CertificatesState, CertificatesRefusal> = {
  initialState: { decisions: [], issued: {}, rendered: [], requests: {} },
  decide,
  evolve,
};
