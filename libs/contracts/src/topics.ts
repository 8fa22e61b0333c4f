/** Versioned topic names: a breaking change gets a new topic, never a silent reinterpretation. */
export const Topics = {
  certificationCase: 'certification.case.v1',
  review: 'review.v1',
  /** Audit plans (issue 19), written by evidence review: proposed, confirmed, change requested, cancelled. */
  auditPlan: 'review.audit-plan.v1',
  scorecard: 'scoring.scorecard.v1',
  certificate: 'certificates.certificate.v1',
  organisation: 'applications.organisation.v1',
  /** The directory's people: staff, roles, qualifications, declared relations, organisations' members. */
  directory: 'directory.people.v1',
  /** The applications service's answers to the requests other services send it (accepted or rejected, with the code). */
  certificationReplies: 'certification.replies.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Where a consumer parks what it cannot process, with the reason in the headers. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

export const MessageHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  dlqReason: 'dlq-reason',
  dlqConsumerGroup: 'dlq-consumer-group',
  dlqOriginalTopic: 'dlq-original-topic',
  dlqOriginalPartition: 'dlq-original-partition',
  dlqOriginalOffset: 'dlq-original-offset',
  dlqAttempts: 'dlq-attempts',
  dlqFailedAt: 'dlq-failed-at',
} as const;
