export * from './case-access';
export * from './holder-check';
