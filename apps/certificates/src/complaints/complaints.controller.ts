import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { COMPLAINT_KINDS, COMPLAINT_OUTCOMES, COMPLAINT_REJECTION_CODES, complaintReferenceSchema } from '@gbt/contracts';
import { CLOCK, contextNow, DomainRefusal, openApiSchema, parseInput, type Clock, type CommandContext } from '@gbt/platform';
import { COMPLAINTS, type Complaints } from './complaint.aggregate';
import { CloseComplaint, FileComplaint, OrderExtraordinarySurveillance, RecordExtraordinarySurveillance, RequestComplaintInformation, TriageComplaint } from './complaint-commands';
import { ComplaintRateLimit } from './complaint-rate-limit';
import { staffView } from './complaint-view';
import { ComplaintViews } from './complaint-views';

const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : null));
const contact = z.strictObject({
  name: optional(200),
  phone: z.string().trim().max(40).regex(/^[0-9+\-() ]*$/, 'a phone number has digits, spaces and + - ( ) only').optional().transform((v) => (v ? v : null)),
  email: z.union([z.literal(''), z.string().trim().email('an e-mail address looks like name@example.com').max(200)]).optional().transform((v) => (v ? v : null)),
});
const filed = z
  .strictObject({
    kind: z.enum(COMPLAINT_KINDS),
    certificateNumber: z.string().trim().min(1).max(40).optional(),
    description: text(4_000),
    contact: contact.optional(),
  })
  .refine((b) => b.kind === 'body' || b.certificateNumber, { message: 'a complaint about a certified company names its certificate number', path: ['certificateNumber'] })
  .refine((b) => b.kind === 'certificate' || !b.certificateNumber, { message: 'a complaint about the certification body names no certificate', path: ['certificateNumber'] });
const triage = z
  .strictObject({
    decision: z.enum(['accepted', 'rejected']),
    kind: z.enum(COMPLAINT_KINDS).optional(),
    certificateNumber: z.string().trim().min(1).max(40).optional(),
    rejectionCode: z.enum(COMPLAINT_REJECTION_CODES).optional(),
    note: z.string().trim().max(4_000).optional(),
  })
  .refine((b) => b.decision === 'accepted' || b.rejectionCode, { message: 'a rejection gives its code', path: ['rejectionCode'] });
const question = z.strictObject({ question: text(4_000) });
const order = z.strictObject({ note: text(4_000) });
const result = z.strictObject({ passed: z.boolean(), reason: text(4_000).optional() }).refine((b) => b.passed || b.reason, { message: 'a failed surveillance states what failed', path: ['reason'] });
const closure = z.strictObject({ outcome: z.enum(COMPLAINT_OUTCOMES), reasons: text(4_000), suspensionMonths: z.number().int().min(1).max(24).optional() });
const listQuery = z.strictObject({ kind: z.enum(COMPLAINT_KINDS).default('certificate') });
const PUBLIC = { id: 'public-complainant', role: 'anyone' };

/** Complaints: anyone files one (rate limited, no account); the staff who handle complaints triage, investigate and close them. */
@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(COMPLAINTS) private readonly complaints: Complaints,
    @Inject(ComplaintViews) private readonly views: ComplaintViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @UseGuards(ComplaintRateLimit)
  @ApiOperation({ summary: "File a complaint, no account needed: about a certified company's after-sales service (its certificate number) or about the certification body; contact details are optional but needed for an answer. Answers the acknowledgement number. Rate limited per client address (429 with Retry-After)." })
  @ApiBody({ schema: openApiSchema(filed) })
  file(@Body() body: unknown) {
    const b = parseInput(filed, body);
    return this.commands.execute(new FileComplaint({ kind: b.kind, certificateNumber: b.certificateNumber ?? null, description: b.description, contact: b.contact ?? null }, contextNow(PUBLIC, this.clock)));
  }

  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The open complaints of one kind (certificate or body), oldest first' })
  async list(@Query() query: unknown) {
    const { kind } = parseInput(listQuery, query, 'query');
    const items = await this.views.openList(kind);
    return { kind, items: [...items].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)) };
  }

  @Get(':reference')
  @ApiBearerAuth()
  @ApiOperation({ summary: "A complaint with its history, the complainant's words and contact details (staff who handle complaints only)" })
  async get(@Param('reference') reference: string) {
    return this.view(parseInput(complaintReferenceSchema, reference, 'reference'));
  }

  @Post(':reference/triage')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Triage: accept as about a certificate (linked to it) or about the body, or reject with a code' })
  @ApiBody({ schema: openApiSchema(triage) })
  async triage(@CurrentUser() me: Principal, @Param('reference') reference: string, @Body() body: unknown) {
    await this.commands.execute(new TriageComplaint({ reference, ...parseInput(triage, body) }, this.now(me)));
    return this.view(reference);
  }

  @Post(':reference/information-requests')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Ask the certificate's holder for information; the holder answers on their case" })
  @ApiBody({ schema: openApiSchema(question) })
  async requestInformation(@CurrentUser() me: Principal, @Param('reference') reference: string, @Body() body: unknown) {
    await this.commands.execute(new RequestComplaintInformation({ reference, ...parseInput(question, body) }, this.now(me)));
    return this.view(reference);
  }

  @Post(':reference/extraordinary-surveillance')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Order an extraordinary surveillance of the certificate the complaint is about' })
  @ApiBody({ schema: openApiSchema(order) })
  async orderSurveillance(@CurrentUser() me: Principal, @Param('reference') reference: string, @Body() body: unknown) {
    await this.commands.execute(new OrderExtraordinarySurveillance({ reference, ...parseInput(order, body) }, this.now(me)));
    return this.view(reference);
  }

  @Post(':reference/extraordinary-surveillance/result')
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Record the extraordinary surveillance's result: sent to the lifecycle as a surveillance (a failure suspends the certificate); answers the request's status" })
  @ApiBody({ schema: openApiSchema(result) })
  async recordSurveillance(@CurrentUser() me: Principal, @Param('reference') reference: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const requested = await this.commands.execute(new RecordExtraordinarySurveillance({ reference, ...parseInput(result, body) }, this.now(me)));
    res.setHeader('Location', requested.statusUrl);
    return requested;
  }

  @Post(':reference/closure')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Close with an outcome: unfounded, founded with corrective action, or founded with suspension (the certificate is suspended unless it is already)' })
  @ApiBody({ schema: openApiSchema(closure) })
  async close(@CurrentUser() me: Principal, @Param('reference') reference: string, @Body() body: unknown) {
    await this.commands.execute(new CloseComplaint({ reference, ...parseInput(closure, body) }, this.now(me)));
    return this.view(reference);
  }

  private async view(reference: string) {
    const { state, version, events } = await this.complaints.load(reference);
    if (state.status === 'none') throw new DomainRefusal('ComplaintNotFound', `no complaint ${reference}`, 404);
    return staffView(state, version, events, await this.views.contact(reference));
  }

  private now(me: Principal): CommandContext {
    return contextNow({ id: me.id, role: actingRole(me) }, this.clock);
  }
}
