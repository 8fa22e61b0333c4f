// The services `npm start` runs, with their ports. Each later issue adds its service here.
export const SERVICES = [
  { name: 'applications', main: 'apps/applications/src/main.ts', port: 3001, docs: '/docs' },
  { name: 'evidence-review', main: 'apps/evidence-review/src/main.ts', port: 3002, docs: '/docs', dashboard: '/queues-dashboard' },
  { name: 'scoring', main: 'apps/scoring/src/main.ts', port: 3003, docs: '/docs' },
  { name: 'certificates', main: 'apps/certificates/src/main.ts', port: 3004, docs: '/docs', verify: '/verify/<number>' },
  { name: 'directory', main: 'apps/directory/src/main.ts', port: 3005, docs: '/docs', signIn: '/auth/sign-in' },
];
