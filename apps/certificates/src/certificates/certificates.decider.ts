import type { Decider } from '@gbt/decider';
import type { Level } from '@gbt/certification';

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
}

export interface CertificatesState {
  readonly decisions: readonly DecisionRecord[];
  /** The latest issued version of each certificate number, and which of them have their PDF. */
  readonly issued: Readonly<Record<string, number>>;
  readonly rendered: readonly string[];
}

type Data = Record<string, unknown>;
export interface CertificatesEvent {
  readonly type: string;
  readonly data: Data;
}

export type CertificatesCommand =
  | ({ type: 'decide'; caseId: string } & Omit<DecisionRecord, 'stale'>)
  | { type: 'mark-stale'; caseId: string; decisionId: string; reason: string }
  | { type: 'issue'; caseId: string; number: string; version: number; cycle: number; supersedes: string | null; certificate: Data }
  | { type: 'record-rendering'; caseId: string; number: string; version: number; sha256: string; bytes: number }
  /** Lifecycle inputs and reminders, already checked against the lifecycle by the service. */
  | { type: 'publish'; event: CertificatesEvent };

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
      const { type: _t, caseId, ...decision } = c;
      const earlier = s.decisions.filter((d) => d.cycle === c.cycle).at(-1);
      if (earlier && !earlier.stale) return refuse('AlreadyDecided', `cycle ${c.cycle} of ${caseId} was decided (${earlier.outcome}) by ${earlier.decidedBy}; it can be taken again only when it goes stale`);
      const recorded = ev('decision-recorded', { caseId, ...decision });
      if (!earlier) {
        return decision.outcome === 'grant'
          ? [recorded, ev('certification-granted', { caseId, certificateNumber: decision.certificateNumber, level: decision.level, scorecardId: decision.scorecardId })]
          : [recorded, ev('certification-denied', { caseId, reason: decision.reasons })];
      }
      // Retaken after going stale: the certificate it granted stands if the new decision grants, and is withdrawn if it denies.
      if (decision.outcome === 'grant' || earlier.outcome === 'deny') return [recorded];
      return [recorded, ev('certificate-withdrawn', { caseId, reason: `decision retaken on a changed basis: ${decision.reasons}` })];
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
  }
}

function evolve(s: CertificatesState, e: CertificatesEvent): CertificatesState {
  const d = e.data;
  switch (e.type) {
    case 'certificates.decision-recorded': {
      const { caseId: _c, ...decision } = d as unknown as DecisionRecord & { caseId: string };
      return { ...s, decisions: [...s.decisions, { ...decision, stale: null }] };
    }
    case 'certificates.decision-went-stale':
      return { ...s, decisions: s.decisions.map((x) => (x.decisionId === d.decisionId ? { ...x, stale: d.reason as string } : x)) };
    case 'certificates.certificate-issued':
      return { ...s, issued: { ...s.issued, [d.number as string]: d.version as number } };
    case 'certificates.certificate-rendered':
      return { ...s, rendered: [...s.rendered, renderKey(d.number as string, d.version as number)] };
    default:
      return s;
  }
}

export const certificatesDecider: Decider<CertificatesCommand, CertificatesEvent, CertificatesState, CertificatesRefusal> = {
  initialState: { decisions: [], issued: {}, rendered: [] },
  decide,
  evolve,
};
