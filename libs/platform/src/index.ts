export * from './bootstrap';
export * from './nest-logger';
export * from './platform.module';
export * from './problem-details.filter';
export * from './service-config';
export * from './tokens';
export * from './http-errors';
export * from './clock';
