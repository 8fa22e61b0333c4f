export * from './base64url';
export * from './certificate-number';
export * from './signed-certificate';
export * from './sealed-pdf';
export * from './certificate-file';
export * from './published-keys';
export * from './certificate-standing';
export * from './certificate-dates';
