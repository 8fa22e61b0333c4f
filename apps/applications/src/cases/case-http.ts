import { actingRole, type Principal } from '@gbt/auth';
import type { CommandContext } from '@gbt/event-store';
import { contextNow, type Clock } from '@gbt/platform';

/** The context of a command an HTTP caller gives now: who, in which role, and the version it saw (If-Match). */
export const httpContext = (me: Principal, clock: Clock, expectedVersion?: number): CommandContext => contextNow({ id: me.id, role: actingRole(me) }, clock, expectedVersion);
