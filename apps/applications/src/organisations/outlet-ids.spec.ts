import { fold } from '@gbt/decider';
import { organisationDecider, type OrganisationEvent, type OrganisationState } from './organisation';

const details = { name: 'Min Appliances', address: '1 Road', contacts: [{ name: 'Li', phone: '123456', email: 'li@example.com' }] };
const outlet = (name: string, id?: string) => ({ ...(id ? { id } : {}), name, address: `${name} street` });
const registered = (outlets: ReturnType<typeof outlet>[]): OrganisationEvent => ({
  type: 'applications.organisation-registered',
  data: { ...details, outlets, organisationId: 'org-1', creditCode: '91350100M000100Y43', registeredBy: 'alice' },
});
const stateAfter = (events: OrganisationEvent[]) => fold(organisationDecider.evolve, organisationDecider.initialState, events);
const update = (state: OrganisationState, outlets: ReturnType<typeof outlet>[]) => {
  const outcome = organisationDecider.decide({ type: 'update', data: { ...details, outlets }, actorId: 'alice' }, state);
  if (!Array.isArray(outcome)) throw new Error(JSON.stringify(outcome));
  const [event] = outcome as readonly OrganisationEvent[];
  return event!;
};

describe('outlet ids', () => {
  it('numbers the outlets of a registration', () => {
    const outcome = organisationDecider.decide({ type: 'register', data: { ...details, creditCode: '91350100M000100Y43', outlets: [outlet('a'), outlet('b')] }, actorId: 'alice' }, organisationDecider.initialState);
    expect(Array.isArray(outcome) && (outcome as readonly OrganisationEvent[])[0]!.data.outlets.map((o) => o.id)).toEqual(['outlet-1', 'outlet-2']);
  });

  it('gives outlets stored before ids existed their position, and new ones a number after every one given', () => {
    const old = stateAfter([registered([outlet('a'), outlet('b'), outlet('c')])]);
    expect(old.status === 'registered' && old.outlets.map((o) => o.id)).toEqual(['outlet-1', 'outlet-2', 'outlet-3']);
    // outlet-3 removed, a new one added: it does not take the removed outlet's id.
    const edited = update(old, [outlet('a', 'outlet-1'), outlet('b', 'outlet-2'), outlet('d')]);
    expect(edited.data.outlets.map((o) => o.id)).toEqual(['outlet-1', 'outlet-2', 'outlet-4']);
    const later = update(stateAfter([registered([outlet('a'), outlet('b'), outlet('c')]), edited]), [outlet('e')]);
    expect(later.data.outlets.map((o) => o.id)).toEqual(['outlet-5']);
  });

  it('keeps the ids an edit sends back, whatever their order', () => {
    const state = stateAfter([registered([outlet('a', 'shop-east'), outlet('b', 'shop-west')])]);
    expect(update(state, [outlet('b', 'shop-west'), outlet('a', 'shop-east'), outlet('c')]).data.outlets.map((o) => o.id)).toEqual(['shop-west', 'shop-east', 'outlet-1']);
  });
});
