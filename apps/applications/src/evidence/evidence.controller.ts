import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
  UnsupportedMediaTypeException,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, type Principal } from '@gbt/auth';
import { own } from '@gbt/certification';
import { DomainRefusal, parseInput } from '@gbt/platform';
import { CasesService } from '../cases/cases.service';
import { requireIfMatch } from '../http/if-match';
import { contentProblem, EVIDENCE_TYPES } from './content-sniffer';
import { EVIDENCE_FILES, sha256, type EvidenceFileStore } from './file-store';
import { requirementProblem } from './requirements';

export const MAX_EVIDENCE_BYTES = Number(process.env.EVIDENCE_MAX_BYTES ?? 20 * 1024 * 1024);
const DOCUMENT_ID = /^doc-[0-9a-f-]{36}$/;
const uploadFields = z.strictObject({ requirementId: z.string().trim().min(1, 'requirementId is required').max(100) });

// Multer hands over multipart file names as latin1; browsers send UTF-8 (Chinese file names).
const utf8Name = (name: string) => Buffer.from(name, 'latin1').toString('utf8');

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('cases/:id/evidence')
export class EvidenceController {
  constructor(
    @Inject(CasesService) private readonly cases: CasesService,
    @Inject(EVIDENCE_FILES) private readonly files: EvidenceFileStore,
  ) {}

  @Post()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: `Attach an evidence document to a catalogue requirement (${Object.keys(EVIDENCE_TYPES).join(', ')}; at most ${MAX_EVIDENCE_BYTES} bytes; If-Match required)` })
  @ApiBody({ schema: { type: 'object', required: ['file', 'requirementId'], properties: { file: { type: 'string', format: 'binary' }, requirementId: { type: 'string', example: '5.1.1.1' } } } })
  async upload(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { requirementId } = parseInput(uploadFields, body, 'form fields');
    if (!file) throw new BadRequestException('a file is required in the multipart field "file"');
    const problem = contentProblem(file.mimetype, file.buffer);
    if (problem) throw new UnsupportedMediaTypeException(problem);
    const { state, version } = await this.cases.readable(me, id);
    const unknown = state.status === 'none' ? null : requirementProblem(state.catalogueVersion, requirementId);
    if (unknown) throw new DomainRefusal('UnknownRequirement', unknown, 422);
    const expected = await requireIfMatch(ifMatch, async () => version);

    const documentId = `doc-${randomUUID()}`;
    await this.files.put(documentId, file.buffer);
    try {
      const data = { documentId, requirementId, fileName: utf8Name(file.originalname).slice(0, 255), contentType: file.mimetype, size: file.size, sha256: sha256(file.buffer) };
      const result = await this.cases.execute(me, id, { type: 'attach-evidence', data }, expected);
      res.status(201).setHeader('ETag', `"${result.version}"`).setHeader('Location', `/cases/${id}/evidence/${documentId}`);
      return { ...result, documentId, sha256: data.sha256 };
    } catch (err) {
      await this.files.remove(documentId);
      throw err;
    }
  }

  @Get(':documentId')
  @ApiOperation({ summary: "Download an attached document (the organisation's members and staff only)" })
  async download(@CurrentUser() me: Principal, @Param('id') id: string, @Param('documentId') documentId: string, @Res() res: Response) {
    const { state } = await this.cases.readable(me, id);
    const evidence = state.status === 'none' || !DOCUMENT_ID.test(documentId) ? undefined : own(state.evidence, documentId);
    const stream = evidence && (await this.files.open(documentId));
    if (!evidence || !stream) throw new NotFoundException(`document ${documentId} is not attached to case ${id}`);
    res
      .status(200)
      .setHeader('Content-Type', evidence.contentType)
      .setHeader('Content-Length', String(evidence.size))
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(evidence.fileName)}`)
      .setHeader('ETag', `"${evidence.sha256}"`)
      .setHeader('X-Content-Type-Options', 'nosniff');
    stream.pipe(res);
  }

  @Delete(':documentId')
  @ApiOperation({ summary: 'Detach a document from a draft (If-Match required)' })
  async detach(@CurrentUser() me: Principal, @Param('id') id: string, @Param('documentId') documentId: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const expected = await requireIfMatch(ifMatch, async () => (await this.cases.readable(me, id)).version);
    const result = await this.cases.execute(me, id, { type: 'detach-evidence', data: { documentId } }, expected);
    res.setHeader('ETag', `"${result.version}"`);
    return result;
  }
}
