import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DEMO_USERS } from '@gbt/auth';
import { openApiSchema, parseInput } from '@gbt/platform';
import { SignIn } from '../accounts/sign-in';
import { MailOutbox } from '../mail/mail-outbox';
import { DIRECTORY_SETTINGS, type DirectorySettings } from '../settings';

const demoSignIn = z.strictObject({ personId: z.enum(DEMO_USERS.map((u) => u.id) as [string, ...string[]]) });
const mailPage = z.strictObject({ before: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });

/** Demo mode only (DEMO_MODE=true); otherwise every route here answers 404 as if it did not exist. */
@ApiTags('demo')
@Controller('demo')
export class DemoController {
  constructor(
    @Inject(SignIn) private readonly signIn: SignIn,
    @Inject(MailOutbox) private readonly outbox: MailOutbox,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Demo mode: sign in as a demo person with one click (no password, no second factor)' })
  @ApiBody({ schema: openApiSchema(demoSignIn) })
  signInAs(@Body() body: unknown) {
    this.demoOnly();
    return this.signIn.demo(parseInput(demoSignIn, body).personId);
  }

  @Get('mails')
  @ApiOperation({ summary: 'Demo mode: the mails that would have been sent, newest first (page on with ?before=<id of the last>)' })
  async mails(@Query() query: Record<string, string>) {
    this.demoOnly();
    const { before, limit } = parseInput(mailPage, query, 'query');
    const mails = await this.outbox.list(limit, before);
    return { mails, next: mails.length === limit ? mails.at(-1)?._id : null };
  }

  private demoOnly(): void {
    if (!this.settings.demo) throw new NotFoundException('this exists only in demo mode (DEMO_MODE=true)');
  }
}
