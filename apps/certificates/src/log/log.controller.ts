import { Controller, Get, Header, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DomainRefusal, parseInput } from '@gbt/platform';
import type { SigningKeys } from '../keys/signing-keys';
import { RegistryRateLimit } from '../registry/rate-limit.guard';
import { Registry } from '../registry/registry';
import { leafView, LogStore, MAX_LEAVES_PER_PAGE } from './log-store';
import { LOG_KEYS } from './tree-heads';

const count = (name: string) => z.coerce.number({ message: `${name} is a whole number` }).int(`${name} is a whole number`).min(0, `${name} is at least 0`).max(Number.MAX_SAFE_INTEGER);
const sizeParam = z.strictObject({ size: count('size') });
const rangeQuery = z.strictObject({ start: count('start'), end: count('end').optional() });
const inclusionQuery = z.strictObject({ index: count('index'), treeSize: count('treeSize') });
const consistencyQuery = z.strictObject({ first: count('first'), second: count('second') });
const certificateQuery = z.strictObject({ treeSize: count('treeSize').optional() });

/**
 * The public log of the registry's status changes (ADR 0030), in the manner of RFC 6962's API:
 * signed tree heads, leaves by range, audit paths and consistency proofs, a certificate's leaves
 * with their audit paths. No login; rate limited like the registry. Hashes are hex.
 */
@ApiTags('public log')
@UseGuards(RegistryRateLimit)
@Controller('log')
export class LogController {
  constructor(
    @Inject(LogStore) private readonly log: LogStore,
    @Inject(Registry) private readonly registry: Registry,
  ) {}

  @Get('tree-heads/latest')
  @ApiOperation({ summary: 'The newest signed tree head: tree size, timestamp, root hash (hex SHA-256, RFC 6962), Ed25519 signature over its canonical JSON' })
  async latest() {
    const head = await this.log.latestTreeHead();
    if (!head) throw new DomainRefusal('NoTreeHead', 'the log has not signed a tree head yet; try again in a minute', 404);
    return head;
  }

  @Get('tree-heads/:size')
  @ApiOperation({ summary: 'The signed tree head at a tree size (404 when none was signed at that size)' })
  async treeHead(@Param() params: unknown) {
    const { size } = parseInput(sizeParam, params, 'path');
    const head = await this.log.treeHead(size);
    if (!head) throw new DomainRefusal('NoTreeHeadAtSize', `no tree head was signed at size ${size}`, 404);
    return head;
  }

  @Get('leaves')
  @ApiOperation({ summary: `Leaves [start, end) with their entries and leaf hashes, at most ${MAX_LEAVES_PER_PAGE} at a time; the entry's canonical JSON is what the leaf hashes` })
  async leaves(@Query() query: unknown) {
    const { start, end: asked } = parseInput(rangeQuery, query, 'query');
    if (asked !== undefined && asked <= start) throw new DomainRefusal('EmptyRange', `end (${asked}) must be above start (${start})`, 400);
    if (asked !== undefined && asked - start > MAX_LEAVES_PER_PAGE) throw new DomainRefusal('RangeTooLong', `at most ${MAX_LEAVES_PER_PAGE} leaves at a time (end - start)`, 400);
    const size = await this.log.size();
    const end = Math.min(asked ?? start + MAX_LEAVES_PER_PAGE, size);
    const leaves = start >= end ? [] : await this.log.leafRange(start, end);
    return { start, size, leaves: leaves.map(leafView) };
  }

  @Get('proofs/inclusion')
  @ApiOperation({ summary: 'The audit path of leaf `index` in the tree of `treeSize` leaves (RFC 9162 2.1.3)' })
  async inclusion(@Query() query: unknown) {
    const { index, treeSize } = parseInput(inclusionQuery, query, 'query');
    return { index, treeSize, auditPath: await this.log.inclusion(index, treeSize) };
  }

  @Get('proofs/consistency')
  @ApiOperation({ summary: 'The proof that the tree of `first` leaves is a prefix of the tree of `second` (RFC 9162 2.1.4)' })
  async consistency(@Query() query: unknown) {
    const { first, second } = parseInput(consistencyQuery, query, 'query');
    return { first, second, proof: await this.log.consistency(first, second) };
  }

  @Get('certificates/:number')
  @ApiOperation({ summary: "A certificate's leaves, each with its audit path in the tree head given (default: the newest), and the leaf of its current status" })
  async certificate(@Param('number') number: string, @Query() query: unknown) {
    const { treeSize: asked } = parseInput(certificateQuery, query, 'query');
    const entry = await this.registry.require(number);
    const head = asked === undefined ? await this.log.latestTreeHead() : await this.log.treeHead(asked);
    if (asked !== undefined && !head) throw new DomainRefusal('NoTreeHeadAtSize', `no tree head was signed at size ${asked}`, 404);
    const keys = await this.log.leavesOf(entry._id);
    const stored = (await Promise.all(keys.map(({ index }) => this.log.leaf(index)))).filter((l) => l !== null);
    const leaves = await Promise.all(
      stored.map(async (leaf) => {
        const view = leafView(leaf);
        const included = head !== null && view.index < head.treeSize;
        return { ...view, auditPath: included ? await this.log.inclusion(view.index, head.treeSize) : null };
      }),
    );
    const current = entry.history.at(-1);
    const currentLeaf = leaves.find((l) => l.entry.eventId === current?.eventId) ?? null;
    return {
      number: entry._id,
      treeHead: head,
      leaves,
      // The leaf stating the registry's current status; recorded once a signed tree head covers it.
      current: currentLeaf ? { index: currentLeaf.index, recordedAtTreeSize: currentLeaf.auditPath && head ? head.treeSize : null } : null,
    };
  }
}

@ApiTags('public log')
@Controller('.well-known')
export class LogKeysController {
  constructor(@Inject(LOG_KEYS) private readonly keys: SigningKeys) {}

  @Get('log-keys.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: "The Ed25519 public keys the public log's tree heads are signed with (JWKS)" })
  jwks() {
    return this.keys.jwks();
  }
}
