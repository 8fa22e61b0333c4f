export * from './certificate-number';
export * from './signed-certificate';
