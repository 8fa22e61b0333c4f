import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { send, type Platform, type RegistryEntry } from '../scenario';
import type { DemoCase } from './stages';

/** What the seed made, with each case's status when last looked at; `npm start` prints it. */
export interface DemoMarker {
  readonly seededAt: string;
  readonly cases: (DemoCase & { status: string; level: string | null; registryStatus: string | null; verifyUrl: string | null })[];
}

export function readMarker(file: string): DemoMarker | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoMarker;
  } catch {
    return null;
  }
}

export function writeMarker(file: string, marker: DemoMarker): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(marker, null, 2));
  renameSync(`${file}.tmp`, file);
}

/** Whether every seeded case still exists: after `infra.mjs reset` the databases are empty and the demo is seeded again. */
export async function stillThere(platform: Platform, marker: DemoMarker): Promise<boolean> {
  for (const c of marker.cases) {
    const reply = await send(platform, 'applications', 'GET', `/cases/${c.caseId}`, { as: 'ada.admin', expect: [200, 404] });
    if (reply.status === 404) return false;
  }
  return marker.cases.length > 0;
}

/** Each case's lifecycle status and its certificate's public status, as they are now. */
export async function withCurrentStatus(platform: Platform, seededAt: string, cases: readonly DemoCase[]): Promise<DemoMarker> {
  const current = [];
  for (const c of cases) {
    const view = (await send(platform, 'applications', 'GET', `/cases/${c.caseId}`, { as: 'ada.admin', expect: 200 })).body as { status: string; certificate?: { level: string } };
    // The public registry is rate limited; a 429 here only leaves the public status out.
    const entry = c.certificateNumber ? await send<RegistryEntry>(platform, 'certificates', 'GET', `/registry/certificates/${c.certificateNumber}`) : null;
    const listed = entry?.status === 200 ? entry.body : null;
    current.push({ ...c, status: view.status, level: view.certificate?.level ?? null, registryStatus: listed?.status ?? null, verifyUrl: c.certificateNumber ? (listed?.verifyUrl ?? `${platform.url('certificates')}/verify/${c.certificateNumber}`) : null });
  }
  return { seededAt, cases: current };
}
