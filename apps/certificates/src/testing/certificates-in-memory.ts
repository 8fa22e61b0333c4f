import type { Certificates } from '../certificates/certificates.aggregate';
import { certificatesDecider, type CertificatesCommand, type CertificatesEvent } from '../certificates/certificates.decider';

/**
 * A case's certificates stream in memory, run by the real decider: for unit tests of the command
 * handlers around it (the store itself is exercised by the integration tests).
 */
export function certificatesInMemory(history: readonly CertificatesEvent[]) {
  const events: CertificatesEvent[] = [...history];
  const written: CertificatesEvent[] = [];
  const state = () => events.reduce(certificatesDecider.evolve, certificatesDecider.initialState);
  const certificates = {
    load: async () => ({ state: state(), version: events.length, events: [...events] }),
    execute: async (_key: string, command: CertificatesCommand) => {
      const out = certificatesDecider.decide(command, state());
      if (!Array.isArray(out)) throw Object.assign(new Error((out as { message: string }).message), { code: (out as { error: string }).error });
      events.push(...out);
      written.push(...out);
      return { events: out };
    },
  } as unknown as Certificates;
  return { certificates, written, events };
}
