import { Controller, Get, Inject, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CLOCK, parseInput, type Clock } from '@gbt/platform';
import { RegistryRateLimit } from '../registry/rate-limit.guard';
import { iafCsv, toCsv } from './iaf-certsearch';
import { OPEN_DATA_FIELDS, RegistryExports, type OpenDataCertificate } from './registry-exports';

const format = z.enum(['json', 'csv']).default('json');
const iafQuery = z.strictObject({ format });
const openDataQuery = z.strictObject({
  format,
  /** The cursor: the last number of the previous page (its `next`). */
  after: z.string().trim().min(1).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

const CSV = 'text/csv; charset=utf-8';

/** Sends a body with a strong ETag; a request that has it already gets 304. */
function sendCacheable(req: Request, res: Response, type: string, body: string, cacheControl: string): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  res.setHeader('etag', etag);
  res.setHeader('cache-control', cacheControl);
  const seen = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (seen.includes(etag) || seen.includes('*')) {
    res.status(304).end();
    return;
  }
  res.type(type).send(body);
}

/** IAF CertSearch's certificate layout, for staff to upload by hand (ADR 0029). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(
    @Inject(RegistryExports) private readonly exports: RegistryExports,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('iaf-certsearch')
  @ApiOperation({ summary: 'Every certificate in the IAF CertSearch layout (format json or csv); certificates over its limits or missing a mandatory field are left out and listed as problems (JSON), counted in x-export-problems' })
  async iaf(@Query() query: unknown, @Res() res: Response) {
    const q = parseInput(iafQuery, query, 'query');
    const { certificates, problems } = await this.exports.iaf();
    res.setHeader('x-export-problems', String(problems.length));
    res.setHeader('cache-control', 'no-store');
    if (q.format === 'csv') {
      res.setHeader('content-disposition', 'attachment; filename="iaf-certsearch.csv"');
      res.type(CSV).send(iafCsv(certificates));
    } else {
      res.json({ layout: 'iaf-certsearch', generatedAt: this.clock.now().toISOString(), certificates, problems });
    }
  }
}

const csvCell = (c: OpenDataCertificate, f: (typeof OPEN_DATA_FIELDS)[number]) => {
  const v = c[f];
  return Array.isArray(v) ? v.join('|') : v === null ? '' : String(v);
};

/** The registry as open data: no login, rate limited like the registry, paged by number, cacheable (ADR 0029). */
@ApiTags('registry')
@UseGuards(RegistryRateLimit)
@Controller('open-data')
export class OpenDataController {
  constructor(@Inject(RegistryExports) private readonly exports: RegistryExports) {}

  @Get('certificates')
  @ApiOperation({
    summary:
      'Every certificate, in number order, a page at a time (after: the previous page\'s next; limit up to 1000), as JSON or CSV. Fields: ' +
      `${OPEN_DATA_FIELDS.join(', ')} (dates YYYY-MM-DD in Asia/Shanghai; status the standing now; categories joined by | in CSV). No personal data. ETag and Cache-Control (5 minutes); CSV pages carry the next cursor in x-next-after.`,
  })
  openData(@Query() query: unknown, @Req() req: Request, @Res() res: Response) {
    const q = parseInput(openDataQuery, query, 'query');
    const { items, next } = this.exports.openData(q.after?.toUpperCase(), q.limit);
    const cache = 'public, max-age=300';
    if (q.format === 'csv') {
      if (next) res.setHeader('x-next-after', next);
      sendCacheable(req, res, CSV, toCsv(OPEN_DATA_FIELDS, items.map((c) => OPEN_DATA_FIELDS.map((f) => csvCell(c, f)))), cache);
    } else {
      sendCacheable(req, res, 'application/json', JSON.stringify({ fields: OPEN_DATA_FIELDS, items, next }), cache);
    }
  }
}
