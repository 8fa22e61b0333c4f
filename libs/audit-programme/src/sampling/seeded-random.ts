import { createHash } from 'node:crypto';

/**
 * A deterministic random source from a recorded seed: SHA-256 in counter mode. Block i is
 * SHA-256 of the UTF-8 text `<seed>#<i>` (i = 0, 1, ...), read as eight big-endian unsigned 32-bit
 * words in order. Chosen over a faster generator because anyone can reproduce a sample from the
 * seed with standard tools, in any language, without this code.
 */
export class SeededRandom {
  private block: Buffer = Buffer.alloc(0);
  private blockIndex = 0;
  private word = 8;

  constructor(readonly seed: string) {}

  /** The next unsigned 32-bit word of the stream. */
  nextUint32(): number {
    if (this.word === 8) {
      this.block = createHash('sha256').update(`${this.seed}#${this.blockIndex++}`, 'utf8').digest();
      this.word = 0;
    }
    return this.block.readUInt32BE(4 * this.word++);
  }

  /** A whole number in [0, bound), every value equally likely (words above the last full multiple of bound are drawn again). */
  below(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError(`bound must be a whole number from 1 to 2^32, not ${bound}`);
    const limit = Math.floor(2 ** 32 / bound) * bound;
    for (;;) {
      const value = this.nextUint32();
      if (value < limit) return value % bound;
    }
  }

  /** A copy of items in random order (Fisher-Yates from the last position down). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}
