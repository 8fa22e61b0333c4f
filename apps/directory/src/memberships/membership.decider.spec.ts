import { membershipDecider, type MembershipCommand, type MembershipEvent, type MembershipState } from './membership.decider';

const at = new Date('2026-12-01T00:00:00Z');
const org = 'org-1';
const apply = (state: MembershipState, command: MembershipCommand) => {
  const outcome = membershipDecider.decide(command, state);
  return Array.isArray(outcome) ? (outcome as MembershipEvent[]).reduce(membershipDecider.evolve, state) : (outcome as { error: string }).error;
};
const founded = apply(membershipDecider.initialState, { type: 'join', organisationId: org, personId: 'alice', at }) as MembershipState;
const invite = (invitedBy: string, onBehalf = false): MembershipCommand => ({ type: 'invite', organisationId: org, invitationId: 'inv-1', email: 'li@acme.example', invitedBy, expiresAt: '2026-12-08T00:00:00Z', onBehalf });
const accept = (email = 'li@acme.example', when = at): MembershipCommand => ({ type: 'join', organisationId: org, personId: 'li', invitationId: 'inv-1', email, at: when });

describe("an organisation's members", () => {
  it('lets a member invite a colleague, who joins with the invitation once', () => {
    const invited = apply(founded, invite('alice')) as MembershipState;
    const joined = apply(invited, accept()) as MembershipState;
    expect(joined.members).toEqual(['alice', 'li']);
    expect(joined.invitations['inv-1']?.status).toBe('accepted');
    expect(apply(apply(joined, { type: 'leave', organisationId: org, personId: 'li', by: 'li' }) as MembershipState, accept())).toBe('directory.invitation-closed');
  });

  it('refuses invitations by non-members (unless an administrator acts for the organisation), expired or for another address', () => {
    expect(apply(founded, invite('mallory'))).toBe('directory.not-member');
    const invited = apply(founded, invite('ada.admin', true)) as MembershipState;
    expect(apply(invited, accept('mallory@evil.example'))).toBe('directory.invitation-other-email');
    expect(apply(invited, accept(undefined, new Date('2026-12-09T00:00:00Z')))).toBe('directory.invitation-expired');
    const revoked = apply(invited, { type: 'revoke-invitation', organisationId: org, invitationId: 'inv-1', by: 'alice' }) as MembershipState;
    expect(apply(revoked, accept())).toBe('directory.invitation-closed');
    expect(apply(founded, { type: 'leave', organisationId: org, personId: 'li', by: 'li' })).toBe('directory.not-member');
  });
});
