/** Every way a command can be refused, by name: the HTTP layer maps them to 4xx with the message. */
export const DomainErrorCodes = [
  'NotAllowedInState',
  'WrongEvaluationPhase',
  'IncompleteApplication',
  'DuplicateDocument',
  'UnknownDocument',
  'ConflictOfInterest',
  'EvaluatorCannotDecide',
  'DuplicateNonconformity',
  'UnknownNonconformity',
  'NonconformityAlreadyClosed',
  'SelfVerification',
  'OpenNonconformities',
  'ScorecardMismatch',
  'LevelNotSupported',
  'NotYetExpired',
  'OutsideRecertificationWindow',
  'InvalidScopeChange',
  'InvalidSuspension',
] as const;

export type DomainErrorCode = (typeof DomainErrorCodes)[number];

export interface DomainError {
  readonly error: DomainErrorCode;
  readonly message: string;
}

export const domainError = (error: DomainErrorCode, message: string): DomainError => ({ error, message });

export const isDomainError = (value: unknown): value is DomainError =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value;
