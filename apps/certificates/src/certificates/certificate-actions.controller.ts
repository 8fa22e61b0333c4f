import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { scopeSchema } from '@gbt/contracts';
import type { CertificateRequested } from '@gbt/contracts/views';
import { CLOCK, contextNow, openApiSchema, parseInput, type Clock, type CommandContext } from '@gbt/platform';
import { CancelCertificate, ChangeScope, ReinstateCertificate, RecordSurveillance, SuspendCertificate, WithdrawCertificate } from './certificate-commands';

const reason = z.string().trim().min(1, 'a reason is required').max(4_000);
const surveillance = z
  .strictObject({ passed: z.boolean(), reason: reason.optional(), auditPlan: z.strictObject({ planId: z.string().trim().min(1).max(200), revision: z.number().int().min(1) }).optional() })
  .refine((b) => b.passed || b.reason, { message: 'a failed surveillance states what failed', path: ['reason'] });
const suspension = z.strictObject({ reason, months: z.number().int().min(1).max(24).optional() });
const withReason = z.strictObject({ reason });
const scopeChange = z.strictObject({ change: z.enum(['extension', 'reduction']), scope: scopeSchema.partial().transform((s) => ({ productCategories: [], serviceCategories: [], sites: [], outlets: [], ...s })) });

/** Requests to keep, suspend or end a certificate; each becomes a lifecycle command in the applications service. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates/:number')
export class CertificateActionsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('surveillance')
  @HttpCode(202)
  @ApiOperation({ summary: "Record a surveillance result: passed, or failed (the certificate is suspended); naming the audit plan it was carried out under, a pass needs every sampled outlet visited without a finding" })
  @ApiBody({ schema: openApiSchema(surveillance) })
  surveillance(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.sent(res, new RecordSurveillance({ number, ...parseInput(surveillance, body) }, this.now(me)));
  }

  @Post('suspension')
  @HttpCode(202)
  @ApiOperation({ summary: 'Suspend with a reason and a deadline in months (the lifecycle\'s default when absent; one longer than its maximum is rejected with InvalidSuspension)' })
  @ApiBody({ schema: openApiSchema(suspension) })
  suspend(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.sent(res, new SuspendCertificate({ number, ...parseInput(suspension, body) }, this.now(me)));
  }

  @Post('reinstatement')
  @HttpCode(202)
  @ApiOperation({ summary: 'Reinstate a suspended certificate once the fix is verified' })
  reinstate(@CurrentUser() me: Principal, @Param('number') number: string, @Res({ passthrough: true }) res: Response) {
    return this.sent(res, new ReinstateCertificate({ number }, this.now(me)));
  }

  @Post('withdrawal')
  @HttpCode(202)
  @ApiOperation({ summary: 'Withdraw (撤销) for a serious breach or an unresolved suspension' })
  @ApiBody({ schema: openApiSchema(withReason) })
  withdraw(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.sent(res, new WithdrawCertificate({ number, ...parseInput(withReason, body) }, this.now(me)));
  }

  @Post('cancellation')
  @HttpCode(202)
  @ApiOperation({ summary: "Cancel (注销) at the holder's request" })
  @ApiBody({ schema: openApiSchema(withReason) })
  cancel(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    // The access policy lets only the holder, or an administrator recording the holder's request, this far.
    return this.sent(res, new CancelCertificate({ number, ...parseInput(withReason, body) }, this.now(me)));
  }

  @Post('scope')
  @HttpCode(202)
  @ApiOperation({ summary: 'Extend or reduce the scope; a changed certificate (next version) is issued' })
  @ApiBody({ schema: openApiSchema(scopeChange) })
  changeScope(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.sent(res, new ChangeScope({ number, ...parseInput(scopeChange, body) }, this.now(me)));
  }

  private now(me: Principal): CommandContext {
    return contextNow({ id: me.id, role: actingRole(me) }, this.clock);
  }

  private async sent(
    res: Response,
    command: RecordSurveillance | SuspendCertificate | ReinstateCertificate | WithdrawCertificate | CancelCertificate | ChangeScope,
  ): Promise<CertificateRequested> {
    const requested = await this.commands.execute(command);
    res.setHeader('Location', requested.statusUrl);
    return requested;
  }
}
