export * from './model';
export * from './validate';
export * from './lookup';
export * from './registry';
export * from './scoring';
export * from './levels';
export * from './versioned-data';
