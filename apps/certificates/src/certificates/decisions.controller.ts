import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { levelSchema } from '@gbt/contracts';
import { openApiSchema, parseInput } from '@gbt/platform';
import { CertificatesService } from './certificates.service';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64-hex-digit hash shown by the decision basis');
const decisionBody = z
  .object({
    outcome: z.enum(['grant', 'deny']),
    level: levelSchema.optional(),
    reasons: z.string().trim().min(1, 'a decision states its reasons').max(4_000),
    scorecardHash: sha256,
    reviewReportHash: sha256.nullable(),
  })
  .refine((b) => b.outcome === 'deny' || b.level !== undefined, { message: 'a grant names its level', path: ['level'] });

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class DecisionsController {
  constructor(@Inject(CertificatesService) private readonly certificates: CertificatesService) {}

  @Get('decision-basis')
  @ApiOperation({ summary: 'The scorecard and review report a decision would approve, with the hashes it binds to, and earlier decisions' })
  basis(@Param('caseId') caseId: string) {
    return this.certificates.basis(caseId);
  }

  @Post('decision')
  @HttpCode(201)
  @ApiOperation({ summary: 'Grant (at a level the scorecard supports) or deny, bound to the hashes of what was read; the lifecycle follows through Kafka' })
  @ApiBody({ schema: openApiSchema(decisionBody) })
  async decide(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const decision = await this.certificates.decide({ id: me.id, role: actingRole(me) }, caseId, parseInput(decisionBody, body));
    if (decision.statusUrl) res.setHeader('Location', decision.statusUrl);
    return decision;
  }

  @Get('requests/:requestId')
  @ApiOperation({ summary: "Where a request to the lifecycle stands (a decision's, a suspension's, ...): requested, then accepted or rejected with the refusal code" })
  request(@Param('caseId') caseId: string, @Param('requestId') requestId: string) {
    return this.certificates.requestStatus(caseId, requestId);
  }
}
