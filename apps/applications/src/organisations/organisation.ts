import type { Decider } from '@gbt/decider';
import type { OrganisationDetails } from '@gbt/contracts';

/** An organisation that applies for certification; its stream id carries its credit code, which makes it unique. */
export type OrganisationState =
  | { readonly status: 'none' }
  | (OrganisationDetails & { readonly status: 'registered'; readonly organisationId: string; readonly creditCode: string; readonly members: readonly string[] });

export type OrganisationEvent =
  | { type: 'applications.organisation-registered'; data: OrganisationDetails & { organisationId: string; creditCode: string; registeredBy: string } }
  | { type: 'applications.organisation-updated'; data: OrganisationDetails };

export type OrganisationCommand =
  | { type: 'register'; data: OrganisationDetails & { creditCode: string }; actorId: string }
  | { type: 'update'; data: OrganisationDetails; actorId: string };

export interface OrganisationError {
  readonly error: 'AlreadyRegistered' | 'NotRegistered';
  readonly message: string;
}

export const organisationStreamId = (creditCode: string) => `org-${creditCode}`;

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState, OrganisationError> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'register':
        if (state.status !== 'none') return { error: 'AlreadyRegistered', message: `an organisation with credit code ${command.data.creditCode} is already registered` };
        return [
          {
            type: 'applications.organisation-registered',
            data: { ...command.data, organisationId: organisationStreamId(command.data.creditCode), registeredBy: command.actorId },
          },
        ];
      case 'update':
        if (state.status === 'none') return { error: 'NotRegistered', message: 'no such organisation' };
        return [{ type: 'applications.organisation-updated', data: command.data }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'applications.organisation-registered': {
        const { registeredBy, ...details } = event.data;
        return { ...details, status: 'registered', members: [registeredBy] };
      }
      case 'applications.organisation-updated':
        return state.status === 'registered' ? { ...state, ...event.data } : state;
    }
  },
};
