import { randomUUID } from 'node:crypto';
import type { Aggregate, AggregateType } from '@gbt/event-store';
import { currentCorrelation, withCorrelation } from '@gbt/messaging';
import type { Actor } from '@gbt/platform';
import { CERTIFICATES_EVENT_TYPES, certificatesDecider, type CertificatesCommand, type CertificatesEvent, type CertificatesRefusal, type CertificatesState } from './certificates.decider';

export const certificatesStream = (caseId: string) => `certificates-${caseId}`;

/** One stream per case: `certificates-<caseId>`, the decisions, requests to the lifecycle and issued certificates. */
export const certificatesAggregate: AggregateType<CertificatesCommand, CertificatesEvent, CertificatesState, CertificatesRefusal> = {
  decider: certificatesDecider,
  eventTypes: CERTIFICATES_EVENT_TYPES,
  streamId: certificatesStream,
  refusalStatus: (refusal) => (refusal.error === 'AlreadyDecided' || refusal.error === 'NotTheStandingGrant' ? 409 : 422),
};

export const CERTIFICATES = Symbol('CERTIFICATES');
export type Certificates = Aggregate<CertificatesCommand, CertificatesEvent, CertificatesState, CertificatesRefusal>;

/** Who gives the commands the service gives itself (issuing, rendering, answers, staleness). */
export const CERTIFICATES_SYSTEM: Actor = { id: 'certificates', role: 'system' };
/** Who publishes what a certificate timer found due. */
export const CERTIFICATE_TIMER: Actor = { id: 'certificate-timer', role: 'system' };

/**
 * Runs `fn` as caused by `causationId` (a timer's or job's id, or one step of a consumed event):
 * the aggregate runner applies a command once per causation id, so running it again writes nothing.
 */
export const causedBy = <T>(causationId: string, fn: () => Promise<T>): Promise<T> =>
  withCorrelation({ correlationId: currentCorrelation()?.correlationId ?? randomUUID(), causationId }, fn);
