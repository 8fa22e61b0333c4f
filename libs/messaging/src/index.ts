export * from './correlation';
export * from './event-consumer';
export * from './event-publisher';
export * from './inbox';
export * from './kafka-client';
export * from './logger';
export * from './wire';
export * from './dead-letter-replay';
