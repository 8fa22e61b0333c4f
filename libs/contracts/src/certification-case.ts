import { CaseEventSchemas, type CaseEventType } from '@gbt/certification';
import { defineEvent, type AnyEventDefinition } from './event-registry';

/** The events on `certification.case.v1`: the lifecycle's own events, as the applications service stores them. */
export const certificationCaseEvents: readonly AnyEventDefinition[] = (Object.keys(CaseEventSchemas) as CaseEventType[]).map((type) =>
  defineEvent<Record<string, unknown>>({ type, schemaVersion: 1, schema: CaseEventSchemas[type] as AnyEventDefinition['schema'] }),
);
