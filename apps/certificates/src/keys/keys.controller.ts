import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SigningKeys } from './signing-keys';

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');

@ApiTags('verification')
@Controller('.well-known')
export class KeysController {
  constructor(@Inject(SIGNING_KEYS) private readonly keys: SigningKeys) {}

  @Get('certificate-keys.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'The Ed25519 public keys certificates are signed with (JWKS), for offline verification' })
  jwks() {
    return this.keys.jwks();
  }
}
