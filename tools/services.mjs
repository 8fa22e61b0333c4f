// The services `npm start` runs, with their ports. Each later issue adds its service here.
export const SERVICES = [];
