import type { Decider } from '@gbt/decider';

export interface Invitation {
  readonly invitationId: string;
  readonly email: string;
  readonly invitedBy: string;
  readonly expiresAt: string;
  readonly status: 'open' | 'revoked' | 'accepted';
}

/** One stream per applicant organisation (`membership-<organisationId>`): its members and invitations. */
export interface MembershipState {
  readonly organisationId: string | null;
  readonly members: readonly string[];
  readonly invitations: Readonly<Record<string, Invitation>>;
}

export type MembershipCommand =
  /** `onBehalf`: an administrator invites for the organisation without being a member. */
  | { type: 'invite'; organisationId: string; invitationId: string; email: string; invitedBy: string; expiresAt: string; onBehalf: boolean }
  | { type: 'revoke-invitation'; organisationId: string; invitationId: string; by: string }
  /** The registrant of an organisation joins without an invitation; anyone else with one. */
  | { type: 'join'; organisationId: string; personId: string; invitationId?: string; email?: string; at: Date }
  | { type: 'leave'; organisationId: string; personId: string; by: string };

export type MembershipEvent =
  | { readonly type: 'directory.member-invited'; readonly data: { organisationId: string; invitationId: string; email: string; invitedBy: string; expiresAt: string } }
  | { readonly type: 'directory.invitation-revoked'; readonly data: { organisationId: string; invitationId: string; by: string } }
  | { readonly type: 'directory.member-joined'; readonly data: { organisationId: string; personId: string; invitationId?: string } }
  | { readonly type: 'directory.member-left'; readonly data: { organisationId: string; personId: string; by: string } };

export interface MembershipRefusal {
  readonly error:
    | 'directory.not-member'
    | 'directory.already-member'
    | 'directory.invitation-unknown'
    | 'directory.invitation-closed'
    | 'directory.invitation-expired'
    | 'directory.invitation-other-email';
  readonly message: string;
}

const refuse = (error: MembershipRefusal['error'], message: string): MembershipRefusal => ({ error, message });

export const membershipDecider: Decider<MembershipCommand, MembershipEvent, MembershipState, MembershipRefusal> = {
  initialState: { organisationId: null, members: [], invitations: {} },

  decide(command, state) {
    const { organisationId } = command;
    switch (command.type) {
      case 'invite': {
        if (!command.onBehalf && !state.members.includes(command.invitedBy)) return refuse('directory.not-member', `only a member of ${organisationId} invites to it`);
        const { type: _t, onBehalf: _o, ...data } = command;
        return [{ type: 'directory.member-invited', data }];
      }
      case 'revoke-invitation': {
        const invitation = state.invitations[command.invitationId];
        if (!invitation) return refuse('directory.invitation-unknown', `no invitation ${command.invitationId}`);
        if (invitation.status !== 'open') return refuse('directory.invitation-closed', `invitation ${command.invitationId} is ${invitation.status}`);
        return [{ type: 'directory.invitation-revoked', data: { organisationId, invitationId: command.invitationId, by: command.by } }];
      }
      case 'join': {
        if (state.members.includes(command.personId)) return refuse('directory.already-member', `${command.personId} is a member of ${organisationId} already`);
        if (command.invitationId === undefined) return [{ type: 'directory.member-joined', data: { organisationId, personId: command.personId } }];
        const invitation = state.invitations[command.invitationId];
        if (!invitation) return refuse('directory.invitation-unknown', `no invitation ${command.invitationId}`);
        if (invitation.status !== 'open') return refuse('directory.invitation-closed', `invitation ${command.invitationId} is ${invitation.status}`);
        if (new Date(invitation.expiresAt) <= command.at) return refuse('directory.invitation-expired', `invitation ${command.invitationId} expired at ${invitation.expiresAt}`);
        if (command.email !== invitation.email) return refuse('directory.invitation-other-email', 'the invitation was sent to another email address');
        return [{ type: 'directory.member-joined', data: { organisationId, personId: command.personId, invitationId: command.invitationId } }];
      }
      case 'leave':
        if (!state.members.includes(command.personId)) return refuse('directory.not-member', `${command.personId} is not a member of ${organisationId}`);
        return [{ type: 'directory.member-left', data: { organisationId, personId: command.personId, by: command.by } }];
    }
  },

  evolve(state, event) {
    const organisationId = event.data.organisationId;
    switch (event.type) {
      case 'directory.member-invited': {
        const { organisationId: _o, ...invitation } = event.data;
        return { ...state, organisationId, invitations: { ...state.invitations, [invitation.invitationId]: { ...invitation, status: 'open' } } };
      }
      case 'directory.invitation-revoked':
        return { ...state, organisationId, invitations: withStatus(state.invitations, event.data.invitationId, 'revoked') };
      case 'directory.member-joined': {
        const { invitationId } = event.data;
        const invitations = invitationId ? withStatus(state.invitations, invitationId, 'accepted') : state.invitations;
        return { ...state, organisationId, members: [...state.members, event.data.personId], invitations };
      }
      case 'directory.member-left':
        return { ...state, organisationId, members: state.members.filter((m) => m !== event.data.personId) };
    }
  },
};

function withStatus(invitations: MembershipState['invitations'], id: string, status: Invitation['status']): MembershipState['invitations'] {
  const invitation = invitations[id];
  return invitation ? { ...invitations, [id]: { ...invitation, status } } : invitations;
}
