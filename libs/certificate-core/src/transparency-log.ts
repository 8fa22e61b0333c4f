import { sign, verify, type KeyObject } from 'node:crypto';
import { decodeCanonicalBase64url, ED25519_SIGNATURE_BYTES } from './base64url';
import { leafHash } from './merkle';
import { canonicalJson, KEY_ID } from './signed-certificate';

/**
 * What the registry's public log holds: one entry per change of a certificate's status history
 * (issued, suspended, reinstated, withdrawn, cancelled, expired, superseded, scope changed,
 * surveillance recorded), and the signed tree heads over them (ADR 0030).
 */
export interface LogEntry {
  readonly number: string;
  readonly status: string;
  /** The instant the change took effect (ISO 8601), as the registry's history states it. */
  readonly at: string;
  /** The reason code the registry gives (reason-codes.ts). */
  readonly code: string;
  /** The lifecycle event (and fact) that caused it: the entry's key in the registry's history. */
  readonly eventId: string;
}

/** The bytes a leaf commits to: the entry's canonical JSON, UTF-8. */
export const entryBytes = (entry: LogEntry): Buffer => Buffer.from(canonicalJson({ at: entry.at, code: entry.code, eventId: entry.eventId, number: entry.number, status: entry.status }), 'utf8');

export const entryLeafHash = (entry: LogEntry): Buffer => leafHash(entryBytes(entry));

/** A signed tree head: the log's size and root at an instant, signed with the log's own Ed25519 key. */
export interface TreeHead {
  readonly treeSize: number;
  /** ISO 8601, on the service clock. */
  readonly timestamp: string;
  /** Hex SHA-256 (RFC 6962 MTH). */
  readonly rootHash: string;
  readonly keyId: string;
  /** base64url Ed25519 over treeHeadBytes. */
  readonly signature: string;
}

/** Exactly what a tree head's signature covers: its other fields as canonical JSON. */
export const treeHeadBytes = (head: Omit<TreeHead, 'signature'>): Buffer =>
  Buffer.from(canonicalJson({ keyId: head.keyId, rootHash: head.rootHash, timestamp: head.timestamp, treeSize: head.treeSize }), 'utf8');

export function signTreeHead(head: Omit<TreeHead, 'signature'>, privateKey: KeyObject): TreeHead {
  return { ...head, signature: sign(null, treeHeadBytes(head), privateKey).toString('base64url') };
}

/** Why a tree head cannot be trusted, or null when it is well formed and signed by a published log key. */
export function treeHeadProblem(value: unknown, keys: ReadonlyMap<string, KeyObject>): string | null {
  const head = value as Partial<TreeHead> | null;
  if (head === null || typeof head !== 'object') return 'the tree head is not an object';
  if (!Number.isSafeInteger(head.treeSize) || (head.treeSize as number) < 0) return 'the tree head has no tree size';
  if (typeof head.timestamp !== 'string' || Number.isNaN(Date.parse(head.timestamp))) return 'the tree head has no timestamp';
  if (typeof head.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(head.rootHash)) return 'the tree head has no root hash (64 hex digits)';
  if (typeof head.keyId !== 'string' || !KEY_ID.test(head.keyId)) return 'the tree head names no key';
  const key = keys.get(head.keyId);
  if (!key) return `the tree head is signed with key ${head.keyId}, which the log does not publish`;
  const signature = typeof head.signature === 'string' ? decodeCanonicalBase64url(head.signature, ED25519_SIGNATURE_BYTES) : null;
  if (!signature) return 'the tree head signature is not canonical base64url of 64 bytes';
  if (!verify(null, treeHeadBytes(head as TreeHead), key, signature)) return `the signature of the tree head at size ${head.treeSize} does not match: it was altered or not signed with the log key`;
  return null;
}

export const hexHash = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');
/** A 32-byte hash from 64 hex digits, or null. */
export const parseHexHash = (text: unknown): Buffer | null => (typeof text === 'string' && /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : null);
