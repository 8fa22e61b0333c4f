import type { Decider } from '@gbt/decider';
import type { Role } from '@gbt/auth';
import type { RelationKind } from '@gbt/contracts';

export type PersonStatus = 'active' | 'disabled' | 'removed';

export type Qualification = {
  readonly qualificationId: string;
  readonly productCategories: readonly string[];
  readonly registrationNumber: string;
  readonly validFrom: string;
  readonly validUntil: string;
};

export type Relation = {
  readonly relationId: string;
  readonly organisationId: string;
  readonly kind: RelationKind;
  readonly description?: string;
  readonly from: string;
  readonly until?: string;
  readonly declaredAt: string;
};

/** One stream per person (`person-<id>`): who they are, their roles, competence and declared relations. */
export interface PersonState {
  readonly personId: string | null;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly status: PersonStatus | null;
  readonly qualifications: Readonly<Record<string, Qualification>>;
  readonly relations: Readonly<Record<string, Relation>>;
}

type By = { readonly by: string };
export type PersonCommand =
  | { type: 'register'; personId: string; name: string; email: string; roles: readonly Role[]; registeredBy: string }
  | (By & { type: 'rename'; name: string })
  | (By & { type: 'change-roles'; roles: readonly Role[] })
  | (By & { type: 'disable'; reason: string })
  | (By & { type: 'enable' })
  | (By & { type: 'remove'; reason: string })
  | (By & Qualification & { type: 'record-qualification' })
  | (By & { type: 'withdraw-qualification'; qualificationId: string; reason: string })
  | (By & Relation & { type: 'declare-relation' })
  | (By & { type: 'retract-relation'; relationId: string; reason: string });

type Data<T extends string, D> = { readonly type: T; readonly data: D & { readonly personId: string } };
export type PersonEvent =
  | Data<'directory.person-registered', { name: string; email: string; roles: Role[]; registeredBy: string }>
  | Data<'directory.person-renamed', By & { name: string }>
  | Data<'directory.roles-changed', By & { roles: Role[] }>
  | Data<'directory.person-disabled', By & { reason: string }>
  | Data<'directory.person-enabled', By>
  | Data<'directory.person-removed', By & { reason: string }>
  | Data<'directory.qualification-recorded', By & { qualificationId: string; productCategories: string[]; registrationNumber: string; validFrom: string; validUntil: string }>
  | Data<'directory.qualification-withdrawn', By & { qualificationId: string; reason: string }>
  | Data<'directory.relation-declared', By & Relation>
  | Data<'directory.relation-retracted', By & { relationId: string; reason: string }>;

export interface PersonRefusal {
  readonly error:
    | 'directory.person-unknown'
    | 'directory.person-exists'
    | 'directory.person-removed'
    | 'directory.person-already-disabled'
    | 'directory.person-not-disabled'
    | 'directory.not-staff'
    | 'directory.qualification-unknown'
    | 'directory.relation-unknown'
    | 'directory.dates-reversed';
  readonly message: string;
}

const refuse = (error: PersonRefusal['error'], message: string): PersonRefusal => ({ error, message });
const STAFF: readonly Role[] = ['reviewer', 'lead-reviewer', 'decision-maker', 'administrator'];

export const personDecider: Decider<PersonCommand, PersonEvent, PersonState, PersonRefusal> = {
  initialState: { personId: null, name: '', email: '', roles: [], status: null, qualifications: {}, relations: {} },

  decide(command, state) {
    if (command.type === 'register') {
      if (state.personId) return refuse('directory.person-exists', `person ${command.personId} exists already`);
      const { type: _t, ...data } = command;
      return [{ type: 'directory.person-registered', data: { ...data, roles: [...data.roles] } }];
    }
    const personId = state.personId;
    if (!personId) return refuse('directory.person-unknown', 'no such person');
    if (state.status === 'removed') return refuse('directory.person-removed', `person ${personId} has been removed`);
    const { by } = command;
    switch (command.type) {
      case 'rename':
        return command.name === state.name ? [] : [{ type: 'directory.person-renamed', data: { personId, name: command.name, by } }];
      case 'change-roles':
        return [{ type: 'directory.roles-changed', data: { personId, roles: [...command.roles], by } }];
      case 'disable':
        if (state.status === 'disabled') return refuse('directory.person-already-disabled', `person ${personId} is disabled already`);
        return [{ type: 'directory.person-disabled', data: { personId, reason: command.reason, by } }];
      case 'enable':
        if (state.status !== 'disabled') return refuse('directory.person-not-disabled', `person ${personId} is not disabled`);
        return [{ type: 'directory.person-enabled', data: { personId, by } }];
      case 'remove':
        return [{ type: 'directory.person-removed', data: { personId, reason: command.reason, by } }];
      case 'record-qualification': {
        if (!state.roles.some((r) => STAFF.includes(r))) return refuse('directory.not-staff', `person ${personId} holds no staff role`);
        if (command.validUntil < command.validFrom) return refuse('directory.dates-reversed', 'validUntil cannot be before validFrom');
        const { type: _t, by: _b, ...q } = command;
        return [{ type: 'directory.qualification-recorded', data: { ...q, productCategories: [...q.productCategories], personId, by } }];
      }
      case 'withdraw-qualification':
        if (!state.qualifications[command.qualificationId]) return refuse('directory.qualification-unknown', `no qualification ${command.qualificationId}`);
        return [{ type: 'directory.qualification-withdrawn', data: { personId, qualificationId: command.qualificationId, reason: command.reason, by } }];
      case 'declare-relation': {
        if (command.until !== undefined && command.until < command.from) return refuse('directory.dates-reversed', 'until cannot be before from');
        const { type: _t, by: _b, ...r } = command;
        return [{ type: 'directory.relation-declared', data: { ...r, personId, by } }];
      }
      case 'retract-relation':
        if (!state.relations[command.relationId]) return refuse('directory.relation-unknown', `no relation ${command.relationId}`);
        return [{ type: 'directory.relation-retracted', data: { personId, relationId: command.relationId, reason: command.reason, by } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'directory.person-registered': {
        const { personId, name, email, roles } = event.data;
        return { ...state, personId, name, email, roles, status: 'active' };
      }
      case 'directory.person-renamed':
        return { ...state, name: event.data.name };
      case 'directory.roles-changed':
        return { ...state, roles: event.data.roles };
      case 'directory.person-disabled':
        return { ...state, status: 'disabled' };
      case 'directory.person-enabled':
        return { ...state, status: 'active' };
      case 'directory.person-removed':
        return { ...state, status: 'removed' };
      case 'directory.qualification-recorded': {
        const { personId: _p, by: _b, ...q } = event.data;
        return { ...state, qualifications: { ...state.qualifications, [q.qualificationId]: q } };
      }
      case 'directory.qualification-withdrawn': {
        const { [event.data.qualificationId]: _gone, ...rest } = state.qualifications;
        return { ...state, qualifications: rest };
      }
      case 'directory.relation-declared': {
        const { personId: _p, by: _b, ...r } = event.data;
        return { ...state, relations: { ...state.relations, [r.relationId]: r } };
      }
      case 'directory.relation-retracted': {
        const { [event.data.relationId]: _gone, ...rest } = state.relations;
        return { ...state, relations: rest };
      }
    }
  },
};
