export * from './certificate-number';
export * from './signed-certificate';
export * from './sealed-pdf';
