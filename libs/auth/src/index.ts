export * from './auth.guard';
export * from './auth.module';
export * from './decorators';
export * from './dev-issuer';
export * from './holder-check';
export * from './principal';
export * from './token-verifier';
export * from './demo-auth';
