import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actingRole, CurrentUser, hasRole, type Principal } from '@gbt/auth';
import { CLOCK, contextNow, DomainRefusal, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { Onboarding } from '../accounts/onboarding';
import { ChangeMembership } from './membership-commands';
import { MEMBERSHIPS, type Memberships } from './memberships.aggregate';

const invitation = z.strictObject({ email: z.string().trim().toLowerCase().email().max(200) });
const acceptance = z.strictObject({ token: z.string().min(20).max(200), name: z.string().trim().min(1).max(100).optional(), password: z.string().min(1).max(1_000).optional() });

/** Applicant organisations' members: a member invites a colleague, the colleague accepts by the mailed token, a member leaves. */
@ApiTags('members')
@Controller()
export class MembershipsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(MEMBERSHIPS) private readonly memberships: Memberships,
    @Inject(Onboarding) private readonly onboarding: Onboarding,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('organisations/:organisationId/members')
  @ApiBearerAuth()
  @ApiOperation({ summary: "An organisation's members and its invitations" })
  async members(@Param('organisationId') organisationId: string) {
    const { state, version } = await this.memberships.load(organisationId);
    return { organisationId, version, members: state.members, invitations: Object.values(state.invitations) };
  }

  @Post('organisations/:organisationId/invitations')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Invite a colleague by email: the invitation is mailed with the token that accepts it' })
  @ApiBody({ schema: openApiSchema(invitation) })
  invite(@CurrentUser() me: Principal, @Param('organisationId') organisationId: string, @Body() body: unknown) {
    return this.onboarding.invite(organisationId, parseInput(invitation, body).email, { id: me.id, role: actingRole(me) });
  }

  @Post('organisations/:organisationId/invitations/:invitationId/revocation')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke an open invitation' })
  revoke(@CurrentUser() me: Principal, @Param('organisationId') organisationId: string, @Param('invitationId') invitationId: string) {
    return this.commands.execute(new ChangeMembership({ type: 'revoke-invitation', organisationId, invitationId, by: me.id }, this.context(me)));
  }

  @Post('organisations/:organisationId/members/:personId/departure')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A member leaves the organisation (an administrator may record it for them)' })
  leave(@CurrentUser() me: Principal, @Param('organisationId') organisationId: string, @Param('personId') personId: string) {
    if (personId !== me.id && !hasRole(me, 'administrator')) throw new DomainRefusal('directory.not-self', 'a member leaves only for themselves', 403);
    return this.commands.execute(new ChangeMembership({ type: 'leave', organisationId, personId, by: me.id }, this.context(me)));
  }

  @Post('invitations/acceptance')
  @ApiOperation({ summary: "Accept an invitation with the mailed token: a new person gives a name and password and is signed in" })
  @ApiBody({ schema: openApiSchema(acceptance) })
  accept(@Body() body: unknown) {
    return this.onboarding.accept(parseInput(acceptance, body));
  }

  private context(me: Principal) {
    return contextNow({ id: me.id, role: actingRole(me) }, this.clock);
  }
}
