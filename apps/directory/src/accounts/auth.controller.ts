import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { CurrentUser, type Principal } from '@gbt/auth';
import { openApiSchema, parseInput } from '@gbt/platform';
import { KEYS, type DirectoryKeys } from './keys';
import { Onboarding } from './onboarding';
import { Sessions } from './sessions';
import { SignIn } from './sign-in';

const email = z.string().trim().toLowerCase().email().max(200);
// Checked against the password policy by the service, so the refusal names the rule.
const password = z.string().min(1).max(1_000);
const token = z.string().min(20).max(200);
const signInBody = z.strictObject({ email, password, totp: z.string().regex(/^\d{6}$/, 'a TOTP code is 6 digits').optional() });
const refreshBody = z.strictObject({ refreshToken: token });
const registrationBody = z.strictObject({ name: z.string().trim().min(1).max(100), email, password });
const resetRequestBody = z.strictObject({ email });
const resetBody = z.strictObject({ token, password });
const ticketBody = z.strictObject({ ticket: token });
const confirmationBody = z.strictObject({ ticket: token, code: z.string().regex(/^\d{6}$/, 'a TOTP code is 6 digits') });

/** Built-in sign-in: public endpoints (no token), sign-in attempts throttled per account and address. */
@ApiTags('sign-in')
@Controller()
export class AuthController {
  constructor(
    @Inject(SignIn) private readonly signIn: SignIn,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(Onboarding) private readonly onboarding: Onboarding,
    @Inject(KEYS) private readonly keys: DirectoryKeys,
  ) {}

  @Post('auth/sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password (and the TOTP code when the account has one): an access token (5 min) and a refresh token' })
  @ApiBody({ schema: openApiSchema(signInBody) })
  signInWithPassword(@Body() body: unknown, @Req() req: Request) {
    return this.signIn.withPassword(parseInput(signInBody, body), req.ip ?? 'unknown');
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens; each refresh token works once, a reused one ends its sign-in' })
  @ApiBody({ schema: openApiSchema(refreshBody) })
  refresh(@Body() body: unknown) {
    return this.sessions.refresh(parseInput(refreshBody, body).refreshToken);
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: "End the refresh token's sign-in; its access token dies within its few minutes" })
  @ApiBody({ schema: openApiSchema(refreshBody) })
  async signOut(@Body() body: unknown): Promise<void> {
    await this.sessions.end(parseInput(refreshBody, body).refreshToken);
  }

  @Post('auth/registration')
  @ApiOperation({ summary: "A company's person registers (name, email, password) and is signed in as an applicant" })
  @ApiBody({ schema: openApiSchema(registrationBody) })
  register(@Body() body: unknown) {
    return this.onboarding.register(parseInput(registrationBody, body));
  }

  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a password reset link to the address if it belongs to an active person (the answer is the same either way)' })
  @ApiBody({ schema: openApiSchema(resetRequestBody) })
  async requestReset(@Body() body: unknown) {
    await this.onboarding.requestPasswordReset(parseInput(resetRequestBody, body).email);
    return { accepted: true };
  }

  @Post('auth/password-reset/confirmation')
  @HttpCode(204)
  @ApiOperation({ summary: "Set a new password with the mailed link's token; every sign-in of the person ends" })
  @ApiBody({ schema: openApiSchema(resetBody) })
  async reset(@Body() body: unknown): Promise<void> {
    const { token: t, password: p } = parseInput(resetBody, body);
    await this.onboarding.resetPassword(t, p);
  }

  @Post('auth/totp-enrolment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start enrolling an authenticator app with an enrolment ticket: the secret and its otpauth:// URI' })
  @ApiBody({ schema: openApiSchema(ticketBody) })
  enrol(@Body() body: unknown) {
    return this.signIn.enrol(parseInput(ticketBody, body).ticket);
  }

  @Post('auth/totp-enrolment/confirmation')
  @HttpCode(200)
  @ApiOperation({ summary: "Confirm the enrolment with the app's current code: TOTP is on, and the person is signed in" })
  @ApiBody({ schema: openApiSchema(confirmationBody) })
  confirmEnrolment(@Body() body: unknown) {
    const { ticket, code } = parseInput(confirmationBody, body);
    return this.signIn.confirmEnrolment(ticket, code);
  }

  @Post('me/totp-enrolment')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A ticket for the signed-in person to enrol (or replace) an authenticator app' })
  async startOwnEnrolment(@CurrentUser() me: Principal) {
    return { ticket: await this.signIn.enrolmentTicket(me.id) };
  }

  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: "The public key the directory's access tokens are signed with (JWKS)" })
  jwks() {
    return this.keys.signing.jwks;
  }
}
