// What the services answer: declared once beside the services' contracts, imported here as types only.
export type * from '@gbt/contracts/views';
