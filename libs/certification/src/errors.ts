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
  'NothingToRedecide',
  'OriginalDeciderCannotRedecide',
  'LevelNotReopened',
  'AppealHandlerCannotRedecide',
  'ValidityEnded',
] as const;

export type DomainErrorCode = (typeof DomainErrorCodes)[number];

export interface DomainError {
  readonly error: DomainErrorCode;
  readonly message: string;
}

export const domainError = (error: DomainErrorCode, message: string): DomainError => ({ error, message });

export const isDomainError = (value: unknown): value is DomainError =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value;

const STATUS_OF: Partial<Record<DomainErrorCode, number>> = {
  NotAllowedInState: 409,
  WrongEvaluationPhase: 409,
  DuplicateDocument: 409,
  DuplicateNonconformity: 409,
  NonconformityAlreadyClosed: 409,
  ConflictOfInterest: 403,
  EvaluatorCannotDecide: 403,
  OriginalDeciderCannotRedecide: 403,
  AppealHandlerCannotRedecide: 403,
  LevelNotReopened: 409,
  ValidityEnded: 409,
  SelfVerification: 403,
  UnknownDocument: 404,
  UnknownNonconformity: 404,
};

/** The HTTP status a refusal is answered with, by every service that checks a lifecycle command. */
export const refusalStatus = (code: DomainErrorCode): number => STATUS_OF[code] ?? 422;
