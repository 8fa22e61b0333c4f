import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const EVIDENCE_FILES = Symbol('EVIDENCE_FILES');

/** Where evidence files live. Local disk by default; an object store would implement the same. */
export interface EvidenceFileStore {
  put(documentId: string, bytes: Buffer): Promise<void>;
  open(documentId: string): Promise<ReadStream | null>;
  remove(documentId: string): Promise<void>;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const SAFE_ID = /^doc-[0-9a-f-]{36}$/;

/** Files written durably: to a temporary name, flushed to disk, then renamed into place. */
export class LocalDiskFileStore implements EvidenceFileStore {
  constructor(private readonly dir: string) {}

  async put(documentId: string, bytes: Buffer): Promise<void> {
    const target = this.path(documentId);
    await mkdir(this.dir, { recursive: true });
    const temporary = `${target}.part`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  }

  async open(documentId: string): Promise<ReadStream | null> {
    const path = this.path(documentId);
    const found = await stat(path).catch(() => null);
    return found?.isFile() ? createReadStream(path) : null;
  }

  async remove(documentId: string): Promise<void> {
    await rm(this.path(documentId), { force: true });
  }

  private path(documentId: string): string {
    if (!SAFE_ID.test(documentId)) throw new Error(`not a document id: ${documentId}`);
    return join(this.dir, documentId);
  }
}
