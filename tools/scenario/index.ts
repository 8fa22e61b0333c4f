// Actors of a certification, over HTTP only: the same requests people make, for whole-system tests and the demo seed.
export * from './http';
export * from './wait';
export * from './applications';
export * from './review';
export * from './scoring';
export * from './certificates';
export * from './registry';
export * from './journeys';
export * from './clock';
