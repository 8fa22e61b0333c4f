import type { ResourceKind } from '@gbt/access-policy';
import type { Principal } from './principal';

/**
 * Does a person belong to the organisation that a case, organisation, task or certificate belongs
 * to? Each service answers from what it knows; a resource it does not know is no one's.
 */
export interface HolderCheck {
  isHolder(principal: Principal, kind: ResourceKind, id: string): Promise<boolean>;
}

export const HOLDER_CHECK = Symbol('HolderCheck');
