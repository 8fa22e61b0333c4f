import type { EvidenceContentType } from '@gbt/contracts';

/**
 * The evidence types we accept, each recognised by its own bytes: a declared content type is
 * believed only when the file starts the way such files start.
 */
const startsWith = (bytes: Buffer, signature: number[]) => signature.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const zipContaining = (bytes: Buffer, folder: string) => startsWith(bytes, ZIP) && bytes.includes(Buffer.from(folder, 'latin1'));

/** One recogniser for each type of the shared list (EVIDENCE_FILE_TYPES, which the console's upload form shows): the type checks that none is missing. */
export const EVIDENCE_TYPES: Readonly<Record<EvidenceContentType, (bytes: Buffer) => boolean>> = {
  'application/pdf': (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => zipContaining(b, 'word/'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => zipContaining(b, 'xl/'),
};

/** What is wrong with a file of this declared type, or null when its bytes match. */
export function contentProblem(declaredType: string, bytes: Buffer): string | null {
  const type = (declaredType.split(';')[0] ?? '').trim().toLowerCase();
  const matches = (EVIDENCE_TYPES as Readonly<Record<string, ((bytes: Buffer) => boolean) | undefined>>)[type];
  if (!matches) return `content type ${type || '(none)'} is not accepted; accepted are ${Object.keys(EVIDENCE_TYPES).join(', ')}`;
  if (bytes.length === 0) return 'the file is empty';
  return matches(bytes) ? null : `the file's bytes are not a ${type} file`;
}
