import type { ResourceKind } from '@gbt/access-policy';
import type { HolderCheck, Principal } from '@gbt/auth';
import type { CaseAccess } from './case-access';

/** How a service finds the case a task or certificate belongs to; a kind it has no way for belongs to no one. */
export type CaseOf = Partial<Record<ResourceKind, (id: string) => string | undefined | Promise<string | undefined>>>;

/** The holder check of a service that learns cases and members from the applications service's events. */
export function caseHolderCheck(access: CaseAccess, caseOf: CaseOf = {}): HolderCheck {
  const resolve: CaseOf = { case: (id) => id, ...caseOf };
  return {
    async isHolder(principal: Principal, kind: ResourceKind, id: string) {
      const caseId = await resolve[kind]?.(id);
      return caseId !== undefined && access.isMember(principal.id, caseId);
    },
  };
}
