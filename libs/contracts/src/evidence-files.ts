/**
 * The evidence documents the applications service accepts, shared with the console so that its upload
 * form states the same types and limit the service enforces (plain data: it reaches the browser bundle).
 */
export const EVIDENCE_MAX_BYTES_DEFAULT = 20 * 1024 * 1024;

/** Each accepted content type with the file name endings a file picker offers and the name people know it by. */
export const EVIDENCE_FILE_TYPES = [
  { contentType: 'application/pdf', extensions: ['.pdf'], label: 'PDF' },
  { contentType: 'image/png', extensions: ['.png'], label: 'PNG' },
  { contentType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], label: 'JPEG' },
  { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], label: 'DOCX' },
  { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'], label: 'XLSX' },
] as const;

export type EvidenceContentType = (typeof EVIDENCE_FILE_TYPES)[number]['contentType'];
