import type { Model } from 'mongoose';
import type { Consumers } from '@gbt/platform';
import type { MemberOrganisations, OrganisationEntry } from '../projections/read-models';
import type { OrganisationState } from './organisation';
import { OrganisationMembers, type DirectoryMembers } from './organisation-members';

/** A collection in memory that answers the few operations OrganisationMembers uses, by `_id`. */
function collection<T extends { _id: string }>(field: keyof T & string) {
  const docs = new Map<string, T>();
  const list = (id: string) => ((docs.get(id)?.[field] as string[] | undefined) ?? []);
  return {
    docs,
    findById: (id: string) => ({ lean: async () => docs.get(id) ?? null }),
    updateOne: async ({ _id }: { _id: string }, update: { $addToSet?: Record<string, string>; $pull?: Record<string, string> }, options?: { upsert?: boolean }) => {
      if (!docs.has(_id) && !options?.upsert) return;
      const now = list(_id);
      const next = update.$addToSet ? [...new Set([...now, update.$addToSet[field]!])] : now.filter((x) => x !== update.$pull?.[field]);
      docs.set(_id, { _id, [field]: next } as unknown as T);
    },
  };
}

const registered = (members: string[]) => ({ status: 'registered', organisationId: 'org-1', members }) as unknown as Extract<OrganisationState, { status: 'registered' }>;
const fact = (type: 'directory.member-joined' | 'directory.member-left', personId: string) => ({ type, data: { organisationId: 'org-1', personId } });

describe('OrganisationMembers', () => {
  const setup = () => {
    const directory = collection<DirectoryMembers>('members');
    const entries = collection<OrganisationEntry>('members');
    const memberships = collection<MemberOrganisations>('organisationIds');
    let handler: (event: unknown) => Promise<void> = async () => undefined;
    const consumers = { start: async (_: string, spec: { handler: typeof handler }) => void (handler = spec.handler) } as unknown as Consumers;
    const members = new OrganisationMembers(directory as unknown as Model<DirectoryMembers>, entries as unknown as Model<OrganisationEntry>, memberships as unknown as Model<MemberOrganisations>, consumers);
    void members.onApplicationBootstrap(); // hands its handler to the consumer at once
    return { members, memberships, apply: (e: unknown) => handler(e) };
  };

  it("goes by the organisation's own stream until the directory has spoken of it", async () => {
    const { members } = setup();
    await expect(members.isMember(registered(['first']), 'first')).resolves.toBe(true);
    await expect(members.isMember(registered(['first']), 'colleague')).resolves.toBe(false);
    await expect(members.isMember({ status: 'none' }, 'first')).resolves.toBe(false);
  });

  it('follows the directory: a colleague who joined is a member, one who left (the registrant too) is not', async () => {
    const { members, memberships, apply } = setup();
    await apply(fact('directory.member-joined', 'first'));
    await apply(fact('directory.member-joined', 'colleague'));
    await apply(fact('directory.member-joined', 'colleague'));
    await expect(members.of(registered(['first']))).resolves.toEqual(['first', 'colleague']);
    expect(memberships.docs.get('colleague')?.organisationIds).toEqual(['org-1']);
    await apply(fact('directory.member-left', 'colleague'));
    await apply(fact('directory.member-left', 'first'));
    await expect(members.isMember(registered(['first']), 'colleague')).resolves.toBe(false);
    await expect(members.isMember(registered(['first']), 'first')).resolves.toBe(false);
    expect(memberships.docs.get('colleague')?.organisationIds).toEqual([]);
  });
});
