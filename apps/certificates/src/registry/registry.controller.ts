import { Controller, Get, Header, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { canonicalJson, certificateStanding, shanghaiDate, type Standing } from '@gbt/certificate-core';
import { levelSchema } from '@gbt/contracts';
import { CLOCK, DomainRefusal, parseInput, type Clock } from '@gbt/platform';
import { Issuance } from '../certificates/issuance';
import type { PdfStamp } from '../pdf/render-certificate';
import { publicView } from './public-view';
import { RegistryRateLimit } from './rate-limit.guard';
import { Registry } from './registry';
import { REGISTRY_SORTS } from './registry-index';
import { parseInstant, validAt } from './registry-entry';

const searchQuery = z.strictObject({
  /** The search box: a holder name (Chinese, pinyin initials, full pinyin), a credit code or a certificate number, or part of one. */
  q: z.string().trim().min(1).max(200).optional(),
  holder: z.string().trim().min(1).max(200).optional(),
  creditCode: z.string().trim().regex(/^[0-9A-Za-z]{18}$/, 'a unified social credit code has 18 characters').optional(),
  number: z.string().trim().min(1).max(40).optional(),
  level: levelSchema.optional(),
  status: z.enum(['valid', 'suspended', 'withdrawn', 'cancelled', 'expired', 'superseded']).optional(),
  sort: z.enum(REGISTRY_SORTS).default('-validFrom'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
const validityQuery = z.strictObject({ on: z.string().min(1, 'on is a date (YYYY-MM-DD) or an instant') });

/** The stamp a certificate's PDF gets now: none while valid, else its status from the Shanghai day it began. */
function stampFor(standing: Standing): PdfStamp | undefined {
  if (standing.status === 'valid') return undefined;
  const since = standing.params.since;
  return { status: standing.status, since: shanghaiDate(since ? since : standing.at) };
}

/** The public directory and verification: no login, rate limited. */
@ApiTags('registry')
@UseGuards(RegistryRateLimit)
@Controller('registry/certificates')
export class RegistryController {
  constructor(
    @Inject(Registry) private readonly registry: Registry,
    @Inject(Issuance) private readonly issuance: Issuance,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search certificates: q (a name in Chinese, pinyin initials or full pinyin, a credit code or a number, or part of one), holder name, credit code, number, level, status; sorted by date' })
  async search(@Query() query: unknown) {
    const q = parseInput(searchQuery, query, 'query');
    const { total, items } = await this.registry.search(q);
    return { total, limit: q.limit, offset: q.offset, items: items.map((e) => publicView(e, this.issuance.verifyUrl(e._id), this.clock.now())) };
  }

  @Get(':number')
  @ApiOperation({ summary: 'Verify a certificate: its status with the reason and date of every change' })
  async get(@Param('number') number: string) {
    return publicView(await this.registry.require(number), this.issuance.verifyUrl(number.trim().toUpperCase()), this.clock.now());
  }

  @Get(':number/validity')
  @ApiOperation({ summary: 'Was it valid on a date (YYYY-MM-DD: at the end of that day in Asia/Shanghai) or at an instant?' })
  async validity(@Param('number') number: string, @Query() query: unknown) {
    const { on } = parseInput(validityQuery, query, 'query');
    const at = parseInstant(on);
    if (!at) throw new DomainRefusal('InvalidDate', `"${on}" is neither a date (YYYY-MM-DD) nor an ISO 8601 instant`, 400);
    const entry = await this.registry.require(number);
    return { number: entry._id, on, at: at.toISOString(), ...validAt(entry, at) };
  }

  @Get(':number/certificate.json')
  @ApiOperation({ summary: 'The signed certificate document (Ed25519), for the offline verifier' })
  async document(@Param('number') number: string, @Res() res: Response) {
    const entry = await this.registry.require(number);
    const signed = await this.issuance.document(entry._id);
    if (!signed) throw new DomainRefusal('NotYetSigned', `certificate ${entry._id} is being issued; try again in a moment`, 404);
    // The verifier accepts only the canonical bytes; a document stored with its keys in another order is served canonically too.
    res.type('application/json').send(canonicalJson(signed));
  }

  @Get(':number/certificate.pdf')
  @Header('content-type', 'application/pdf')
  @ApiOperation({ summary: 'The certificate as a sealed PDF in Chinese and English; one no longer valid is stamped across with its status and the day it began (x-certificate-status says which)' })
  async pdf(@Param('number') number: string, @Res() res: Response) {
    const entry = await this.registry.require(number);
    const standing = certificateStanding(entry, this.clock.now());
    const pdf = await this.issuance.pdf(entry._id, stampFor(standing));
    if (!pdf) throw new DomainRefusal('NotYetRendered', `the PDF of ${entry._id} is being rendered; try again in a moment`, 404);
    res.setHeader('x-certificate-status', standing.status);
    res.setHeader('content-disposition', `inline; filename="${entry._id}${standing.status === 'valid' ? '' : `-${standing.status}`}.pdf"`);
    res.end(pdf);
  }
}
