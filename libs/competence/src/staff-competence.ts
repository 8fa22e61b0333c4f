import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@gbt/access-policy';
import { DirectoryPeople, type RelationListener } from './directory-people';
import { ineligibility, type CaseToJudge, type ImpartialityPolicy, type Ineligibility } from './rules';
import type { StaffMember } from './staff-projection';

export { type RelationListener } from './directory-people';

export const IMPARTIALITY_POLICY = Symbol('IMPARTIALITY_POLICY');

/**
 * The staff's competence and relations as this service knows them from the directory (the
 * DirectoryPeople read model), and the rules applied to them.
 */
@Injectable()
export class StaffCompetence {
  constructor(
    @Inject(DirectoryPeople) private readonly people: DirectoryPeople,
    @Inject(IMPARTIALITY_POLICY) readonly policy: ImpartialityPolicy,
  ) {}

  /** Registered before the application boots, so no declaration is missed. */
  onRelationDeclared(listener: RelationListener): void {
    this.people.onRelationDeclared(listener);
  }

  member(personId: string): Promise<StaffMember | null> {
    return this.people.member(personId);
  }

  /** The people holding a role, active or not, in the order they got it. */
  withRole(role: Role): Promise<StaffMember[]> {
    return this.people.withRole(role);
  }

  /** Why the person may not review or decide the case on that date (Asia/Shanghai), or null. */
  async ineligibility(personId: string, kase: CaseToJudge, on: string): Promise<Ineligibility | null> {
    return ineligibility(await this.member(personId), personId, kase, on, this.policy);
  }
}
