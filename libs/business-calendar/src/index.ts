export * from './business-calendar';
export * from './china-public-holidays';
export * from './coverage';
