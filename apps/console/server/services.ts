/** The services the console forwards /api/<service>/ to: these names, nothing else. */
export const SERVICE_NAMES = ['applications', 'evidence-review', 'scoring', 'certificates', 'directory'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
