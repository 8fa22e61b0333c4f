/** The services the console forwards /api/<service>/ to: these four names, nothing else. */
export const SERVICE_NAMES = ['applications', 'evidence-review', 'scoring', 'certificates'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
