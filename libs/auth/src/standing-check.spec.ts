import type { PersonStanding, Standing } from './person-standing';
import type { Principal } from './principal';
import { StandingCheck } from './standing-check';

const NOW = 1_800_000_000;
const alice: Principal = { id: 'alice', name: 'Alice', roles: ['reviewer', 'lead-reviewer'] };

/** A read model that answers from a list of answers, one per read (the last repeats), counting the reads. */
function people(...answers: (Standing | null)[]) {
  let reads = 0;
  const model: PersonStanding & { reads: () => number } = {
    standing: async () => answers[Math.min(reads++, answers.length - 1)] ?? null,
    reads: () => reads,
  };
  return model;
}

const check = (model: PersonStanding | undefined, unlistedPeople: 'accept' | 'refuse' = 'refuse') => {
  const slept: number[] = [];
  const c = new StandingCheck(model, { unlistedPeople, nowSeconds: () => NOW, sleep: async (ms) => void slept.push(ms) });
  return { c, slept };
};

const refusal = async (p: Promise<unknown>) => {
  const err = (await p.then(() => null, (e: unknown) => e)) as { code?: string; status?: number } | null;
  return err && { code: err.code, status: err.status };
};

describe('StandingCheck', () => {
  it('lets an active person through with the token as it is', async () => {
    const { c } = check(people({ status: 'active', roles: ['reviewer', 'lead-reviewer', 'administrator'] }));
    await expect(c.principal(alice, NOW - 3600)).resolves.toEqual(alice);
  });

  it('refuses a disabled or removed person with 401 and a code saying which, under either setting', async () => {
    for (const setting of ['refuse', 'accept'] as const) {
      expect(await refusal(check(people({ status: 'disabled', roles: alice.roles }), setting).c.principal(alice, NOW))).toEqual({ code: 'access.person-disabled', status: 401 });
      expect(await refusal(check(people({ status: 'removed', roles: alice.roles }), setting).c.principal(alice, NOW))).toEqual({ code: 'access.person-removed', status: 401 });
    }
  });

  it('refuses an unknown person by default, after reading again over about two seconds when the token is fresh', async () => {
    const model = people(null);
    const { c, slept } = check(model);
    expect(await refusal(c.principal(alice, NOW - 5))).toEqual({ code: 'access.person-unknown', status: 401 });
    expect(model.reads()).toBe(5);
    expect(slept.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it('accepts a person registered a moment ago once the directory event arrives during the re-reads', async () => {
    const model = people(null, null, { status: 'active', roles: ['reviewer'] });
    await expect(check(model).c.principal(alice, NOW - 1)).resolves.toEqual({ ...alice, roles: ['reviewer'] });
    expect(model.reads()).toBe(3);
  });

  it('does not wait for an unknown person whose token is older than 30 s', async () => {
    const model = people(null);
    const { c, slept } = check(model);
    expect(await refusal(c.principal(alice, NOW - 31))).toEqual({ code: 'access.person-unknown', status: 401 });
    expect(model.reads()).toBe(1);
    expect(slept).toEqual([]);
  });

  it('accepts an unknown person at once when unlisted people are accepted (test harnesses)', async () => {
    const model = people(null);
    const { c, slept } = check(model, 'accept');
    await expect(c.principal(alice, NOW)).resolves.toEqual(alice);
    expect(slept).toEqual([]);
  });

  it('refuses everyone by default in a service that keeps no read model of people', async () => {
    expect(await refusal(check(undefined).c.principal(alice, NOW - 3600))).toEqual({ code: 'access.person-unknown', status: 401 });
    await expect(check(undefined, 'accept').c.principal(alice, NOW)).resolves.toEqual(alice);
  });

  it('drops the roles the directory took away, and refuses a token left with none', async () => {
    await expect(check(people({ status: 'active', roles: ['reviewer'] })).c.principal(alice, NOW)).resolves.toEqual({ ...alice, roles: ['reviewer'] });
    expect(await refusal(check(people({ status: 'active', roles: ['applicant'] })).c.principal(alice, NOW))).toEqual({ code: 'access.person-roles-changed', status: 401 });
  });
});
