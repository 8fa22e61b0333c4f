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
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, type Principal } from '@gbt/auth';
import { own } from '@gbt/certification';
import { EVIDENCE_MAX_BYTES_DEFAULT } from '@gbt/contracts';
import type { CaseChange, EvidenceAttached } from '@gbt/contracts/views';
import { CLOCK, parseInput, type Clock } from '@gbt/platform';
import { RunLifecycleCommand, UploadEvidence } from '../cases/case-commands';
import { httpContext } from '../cases/case-http';
import { ReadableCase } from '../cases/case-queries';
import { requireIfMatch } from '../http/if-match';
import { contentProblem, EVIDENCE_TYPES } from './content-sniffer';
import { EVIDENCE_FILES, type EvidenceFileStore } from './file-store';

export const MAX_EVIDENCE_BYTES = Number(process.env.EVIDENCE_MAX_BYTES ?? EVIDENCE_MAX_BYTES_DEFAULT);
const DOCUMENT_ID = /^doc-[0-9a-f-]{36}$/;
const uploadFields = z.strictObject({ requirementId: z.string().trim().min(1, 'requirementId is required').max(100) });

// Multer hands over multipart file names as latin1; browsers send UTF-8 (Chinese file names).
const utf8Name = (name: string) => Buffer.from(name, 'latin1').toString('utf8');

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('cases/:id/evidence')
export class EvidenceController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
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
  ): Promise<EvidenceAttached> {
    const { requirementId } = parseInput(uploadFields, body, 'form fields');
    if (!file) throw new BadRequestException('a file is required in the multipart field "file"');
    const problem = contentProblem(file.mimetype, file.buffer);
    if (problem) throw new UnsupportedMediaTypeException(problem);
    const { version } = await this.queries.execute(new ReadableCase({ principal: me, caseId: id }));
    const expected = await requireIfMatch(ifMatch, async () => version);
    const upload = { caseId: id, requirementId, fileName: utf8Name(file.originalname).slice(0, 255), contentType: file.mimetype, bytes: file.buffer };
    const result = await this.commands.execute(new UploadEvidence(upload, httpContext(me, this.clock, expected)));
    res.status(201).setHeader('ETag', `"${result.version}"`).setHeader('Location', `/cases/${id}/evidence/${result.documentId}`);
    return result;
  }

  @Get(':documentId')
  @ApiOperation({ summary: "Download an attached document (the organisation's members and staff only)" })
  async download(@CurrentUser() me: Principal, @Param('id') id: string, @Param('documentId') documentId: string, @Res() res: Response) {
    const { state } = await this.queries.execute(new ReadableCase({ principal: me, caseId: id }));
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
  async detach(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseChange> {
    const { version } = await this.queries.execute(new ReadableCase({ principal: me, caseId: id }));
    const expected = await requireIfMatch(ifMatch, async () => version);
    const result = await this.commands.execute(new RunLifecycleCommand({ caseId: id, command: { type: 'detach-evidence', data: { documentId } } }, httpContext(me, this.clock, expected)));
    res.setHeader('ETag', `"${result.version}"`);
    return result;
  }
}
