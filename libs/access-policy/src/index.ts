export * from './model';
export * from './policy';
export * from './decide';
export * from './matrix';
export * from './commands';
