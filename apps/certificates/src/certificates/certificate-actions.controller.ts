import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { scopeSchema } from '@gbt/contracts';
import { openApiSchema, parseInput } from '@gbt/platform';
import { Registry } from '../registry/registry';
import { CertificatesService } from './certificates.service';

const reason = z.string().trim().min(1, 'a reason is required').max(4_000);
const surveillance = z.strictObject({ passed: z.boolean(), reason: reason.optional() }).refine((b) => b.passed || b.reason, { message: 'a failed surveillance states what failed', path: ['reason'] });
const suspension = z.strictObject({ reason, months: z.number().int().min(1).max(24).optional() });
const withReason = z.strictObject({ reason });
const scopeChange = z.strictObject({ change: z.enum(['extension', 'reduction']), scope: scopeSchema.partial().transform((s) => ({ productCategories: [], serviceCategories: [], sites: [], outlets: [], ...s })) });

type Actor = { id: string; role?: string };
const actorOf = (me: Principal): Actor => ({ id: me.id, role: actingRole(me) });

/** Requests to keep, suspend or end a certificate; each becomes a lifecycle command in the applications service. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates/:number')
export class CertificateActionsController {
  constructor(
    @Inject(CertificatesService) private readonly certificates: CertificatesService,
    @Inject(Registry) private readonly registry: Registry,
  ) {}

  @Post('surveillance')
  @HttpCode(202)
  @ApiOperation({ summary: 'Record a surveillance result: passed, or failed (the certificate is suspended)' })
  @ApiBody({ schema: openApiSchema(surveillance) })
  async surveillance(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const data = parseInput(surveillance, body);
    return this.request(actorOf(me), number, 'surveillance-recorded', data, res);
  }

  @Post('suspension')
  @HttpCode(202)
  @ApiOperation({ summary: 'Suspend with a reason and a deadline in months (the lifecycle\'s default when absent; one longer than its maximum is rejected with InvalidSuspension)' })
  @ApiBody({ schema: openApiSchema(suspension) })
  async suspend(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.request(actorOf(me), number, 'certificate-suspended', parseInput(suspension, body), res);
  }

  @Post('reinstatement')
  @HttpCode(202)
  @ApiOperation({ summary: 'Reinstate a suspended certificate once the fix is verified' })
  async reinstate(@CurrentUser() me: Principal, @Param('number') number: string, @Res({ passthrough: true }) res: Response) {
    return this.request(actorOf(me), number, 'certificate-reinstated', {}, res);
  }

  @Post('withdrawal')
  @HttpCode(202)
  @ApiOperation({ summary: 'Withdraw (撤销) for a serious breach or an unresolved suspension' })
  @ApiBody({ schema: openApiSchema(withReason) })
  async withdraw(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.request(actorOf(me), number, 'certificate-withdrawn', parseInput(withReason, body), res);
  }

  @Post('cancellation')
  @HttpCode(202)
  @ApiOperation({ summary: "Cancel (注销) at the holder's request" })
  @ApiBody({ schema: openApiSchema(withReason) })
  async cancel(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    // The access policy lets only the holder, or an administrator recording the holder's request, this far.
    return this.request(actorOf(me), number, 'certificate-cancelled', parseInput(withReason, body), res);
  }

  @Post('scope')
  @HttpCode(202)
  @ApiOperation({ summary: 'Extend or reduce the scope; a changed certificate (next version) is issued' })
  @ApiBody({ schema: openApiSchema(scopeChange) })
  async changeScope(@CurrentUser() me: Principal, @Param('number') number: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.request(actorOf(me), number, 'scope-changed', parseInput(scopeChange, body), res);
  }

  private async request(actor: Actor, number: string, type: string, data: Record<string, unknown>, res: Response) {
    const entry = await this.registry.require(number);
    const requested = await this.certificates.requestLifecycleChange(actor, entry._id, { type: `certificates.${type}`, data: { caseId: entry.caseId, ...data } });
    res.setHeader('Location', requested.statusUrl);
    return requested;
  }
}
