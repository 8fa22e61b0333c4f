export * from './envelope';
export * from './event-registry';
export * from './topics';
export * from './certification-case';
export * from './organisation';
export * from './lifecycle-inputs';
export * from './scorecard';
export * from './review';
