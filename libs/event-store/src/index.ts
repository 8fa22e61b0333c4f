export * from './command-handler';
export * from './errors';
export * from './lease';
export * from './mongo-event-store';
export * from './outbox-relay';
export * from './types';
export * from './fold';
