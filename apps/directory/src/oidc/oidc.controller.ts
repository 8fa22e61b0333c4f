import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { openApiSchema, parseInput } from '@gbt/platform';
import { OidcSignIn } from './oidc-sign-in';

const callbackBody = z.strictObject({
  code: z.string().min(1).max(2_000),
  state: z.string().min(20).max(200),
  /** The provider's `iss` of the callback (RFC 9207), where it sends one: checked against the issuer. */
  iss: z.string().url().max(500).optional(),
});

/** Sign-in with the body's identity provider (authorization code with PKCE): public, like the password sign-in. */
@ApiTags('sign-in')
@Controller('auth/oidc')
export class OidcController {
  constructor(@Inject(OidcSignIn) private readonly oidc: OidcSignIn) {}

  @Get()
  @ApiOperation({ summary: 'Whether sign-in with an identity provider is configured, and its name for the sign-in button' })
  describe() {
    return this.oidc.describe();
  }

  @Post('authorization')
  @HttpCode(200)
  @ApiOperation({ summary: "Start a sign-in at the identity provider: the URL to send the browser to (state, nonce, PKCE challenge) and its state, to compare when it comes back (counted with the address's sign-in attempts)" })
  start(@Req() req: Request) {
    return this.oidc.start(req.ip ?? 'unknown');
  }

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: "Finish it with the code, state (and iss) the provider sent the browser back with: the person is found (or registered from the claims, roles mapped) and gets an access and a refresh token" })
  @ApiBody({ schema: openApiSchema(callbackBody) })
  finish(@Body() body: unknown) {
    const { code, state, iss } = parseInput(callbackBody, body);
    return this.oidc.finish({ code, state, ...(iss ? { iss } : {}) });
  }
}
