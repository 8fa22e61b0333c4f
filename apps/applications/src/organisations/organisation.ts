import type { Decider } from '@gbt/decider';
import { withOutletIds, type IdentifiedOutlet, type OrganisationDetails, type Outlet } from '@gbt/contracts';

/** An organisation that applies for certification; its stream id carries its credit code, which makes it unique. */
export type OrganisationState =
  | { readonly status: 'none' }
  | (Omit<OrganisationDetails, 'outlets'> & {
      readonly outlets: readonly IdentifiedOutlet[];
      readonly status: 'registered';
      readonly organisationId: string;
      readonly creditCode: string;
      readonly members: readonly string[];
      /** The highest n of an `outlet-<n>` id ever given: a new outlet is never given a removed one's id. */
      readonly lastOutletNumber: number;
    });

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

const numberOf = (id: string) => Number(/^outlet-(\d{1,9})$/.exec(id)?.[1] ?? 0);
const highestNumber = (outlets: readonly Outlet[], from: number) => withOutletIds(outlets).reduce((n, o) => Math.max(n, numberOf(o.id)), from);

/**
 * Outlets keep the ids they came with (the applicant sends back what it read); a new one gets
 * `outlet-<n>` numbered after every id given so far, so ids are stable and never reused.
 */
function identifyOutlets<D extends OrganisationDetails>(details: D, lastNumber: number): D {
  let next = highestNumber(details.outlets.filter((o) => o.id), lastNumber);
  return { ...details, outlets: details.outlets.map((o) => (o.id ? o : { ...o, id: `outlet-${++next}` })) };
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
            data: { ...identifyOutlets(command.data, 0), organisationId: organisationStreamId(command.data.creditCode), registeredBy: command.actorId },
          },
        ];
      case 'update':
        if (state.status === 'none') return { error: 'NotRegistered', message: 'no such organisation' };
        return [{ type: 'applications.organisation-updated', data: identifyOutlets(command.data, state.lastOutletNumber) }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'applications.organisation-registered': {
        const { registeredBy, ...details } = event.data;
        return { ...details, outlets: withOutletIds(details.outlets), status: 'registered', members: [registeredBy], lastOutletNumber: highestNumber(details.outlets, 0) };
      }
      case 'applications.organisation-updated':
        return state.status === 'registered'
          ? { ...state, ...event.data, outlets: withOutletIds(event.data.outlets), lastOutletNumber: highestNumber(event.data.outlets, state.lastOutletNumber) }
          : state;
    }
  },
};
