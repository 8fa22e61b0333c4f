import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Role } from '@gbt/auth';
import { isDuplicateKeyError } from '@gbt/event-store';
import { CLOCK, contextNow, DomainRefusal, type Clock } from '@gbt/platform';
import { LoginThrottle } from '../accounts/login-throttle';
import type { Tokens } from '../accounts/sessions';
import { SignIn } from '../accounts/sign-in';
import { PEOPLE, type People } from '../people/people.aggregate';
import { ChangePerson, normaliseEmail, RegisterPerson } from '../people/people-commands';
import { DIRECTORY_SETTINGS, type DirectorySettings } from '../settings';
import { OidcClient, type CallbackParams, type ProviderClaims } from './oidc-client';
import { mapRoles, type OidcSettings } from './oidc-settings';
import { OidcSubject, subjectKey } from './oidc-subject.model';
import { PendingAuthorizations } from './pending-authorizations';

/** The throttle's account key for OIDC starts: no failure is ever counted on it, only the address's attempts. */
const OIDC_ACCOUNT = 'oidc:start';
/** Who changed a person's name or roles, in their history, when the provider's claims did. */
export const BY_PROVIDER = 'identity-provider';
const sameRoles = (a: readonly Role[], b: readonly Role[]): boolean => a.length === b.length && a.every((r) => b.includes(r));

/**
 * Sign-in with the body's identity provider. The provider's identity (issuer + subject) maps to a
 * person through `oidc_subjects`; the first sign-in registers the person from the claims (name,
 * email, roles mapped from the role claim), later ones bring name and roles up to date, as
 * directory events like any other change. The provider is the authority on the roles of the
 * people who sign in through it, and on their second factor. It ends in `SignIn` like a password.
 */
@Injectable()
export class OidcSignIn {
  private readonly client: OidcClient | undefined;

  constructor(
    @InjectModel(OidcSubject.name) private readonly subjects: Model<OidcSubject>,
    @Inject(PendingAuthorizations) private readonly pendings: PendingAuthorizations,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(PEOPLE) private readonly people: People,
    @Inject(SignIn) private readonly signIn: SignIn,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.client = settings.oidc && new OidcClient(settings.oidc);
  }

  /** What the sign-in page needs to offer the provider (its name), or that it is not configured. */
  describe(): { configured: boolean; providerName: string | null } {
    return { configured: !!this.settings.oidc, providerName: this.settings.oidc?.providerName ?? null };
  }

  /**
   * The provider's authorization URL for a new sign-in; the console sends the browser there and
   * keeps the state to compare. Counted among the address's sign-in attempts, as each start keeps a
   * little in Redis for 10 minutes.
   */
  async start(address: string): Promise<{ authorizationUrl: string; state: string }> {
    const { client } = this.configured();
    await this.throttle.attempt(address, OIDC_ACCOUNT);
    const state = randomBytes(32).toString('base64url');
    const { url, pending } = await client.authorizationUrl(state);
    await this.pendings.keep(state, pending);
    return { authorizationUrl: url, state };
  }

  /** The browser came back with a code: exchange it, find or register the person, sign them in. */
  async finish(callback: CallbackParams): Promise<Tokens> {
    const { client, oidc } = this.configured();
    const pending = await this.pendings.take(callback.state);
    if (!pending) throw new DomainRefusal('auth.oidc-state-unknown', 'this sign-in was not started here, was used already or took too long; start it again', 400);
    const claims = await client.exchange(callback, pending);
    const roles = mapRoles(claims[oidc.roleClaim], oidc.roleMap);
    if (roles.length === 0) throw new DomainRefusal('auth.oidc-no-role', `the identity provider grants this account no role of the platform (claim "${oidc.roleClaim}")`, 403);
    const personId = await this.personFor(claims, roles);
    return this.signIn.withIdentityProvider(personId);
  }

  private async personFor(claims: ProviderClaims, roles: Role[]): Promise<string> {
    const key = subjectKey(claims.iss, claims.sub);
    const known = await this.subjects.findById(key).lean();
    // A person whose registration failed half-way has no events yet: registered again under the same id.
    if (known && (await this.people.load(known.personId)).version > 0) {
      await this.keepUp(known.personId, claims, roles);
      return known.personId;
    }
    const { email, name } = identity(claims);
    const holder = await this.signIn.personByEmail(email);
    if (holder) {
      // An address the provider has verified is the person's own: an existing person of the directory is linked, not duplicated.
      if (claims.email_verified !== true) throw new DomainRefusal('auth.oidc-email-taken', 'the address belongs to a person of the directory, and the identity provider does not say it verified it', 409);
      await this.subjects.updateOne({ _id: key }, { $set: { personId: holder } }, { upsert: true });
      await this.keepUp(holder, claims, roles);
      return holder;
    }
    const personId = known?.personId ?? (await this.claim(key, randomUUID()));
    await this.commands.execute(new RegisterPerson({ personId, name, email, roles }, contextNow({ id: 'anonymous' }, this.clock)));
    return personId;
  }

  /** Claims the subject for a new person; of two first sign-ins at once, the second follows the first's person. */
  private async claim(key: string, personId: string): Promise<string> {
    try {
      await this.subjects.create({ _id: key, personId });
      return personId;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      return (await this.subjects.findById(key).lean())?.personId ?? personId;
    }
  }

  /** Name and roles as the provider says now; only what changed becomes an event. */
  private async keepUp(personId: string, claims: ProviderClaims, roles: Role[]): Promise<void> {
    const { state } = await this.people.load(personId);
    if (state.status !== 'active') return; // refused by SignIn; a disabled person's roles stay as they were
    const context = contextNow({ id: BY_PROVIDER }, this.clock);
    const { name } = identity(claims);
    if (name !== state.name) await this.commands.execute(new ChangePerson({ personId, change: { type: 'rename', name, by: BY_PROVIDER } }, context));
    if (!sameRoles(roles, state.roles)) await this.commands.execute(new ChangePerson({ personId, change: { type: 'change-roles', roles, by: BY_PROVIDER } }, context));
  }

  private configured(): { client: OidcClient; oidc: OidcSettings } {
    if (!this.client || !this.settings.oidc) throw new DomainRefusal('auth.oidc-not-configured', 'sign-in with an identity provider is not configured here (OIDC_ISSUER, OIDC_CLIENT_ID)', 404);
    return { client: this.client, oidc: this.settings.oidc };
  }
}

function identity(claims: ProviderClaims): { email: string; name: string } {
  if (typeof claims.email !== 'string' || !claims.email.includes('@')) {
    throw new DomainRefusal('auth.oidc-claims-missing', 'the identity provider gave no email address (scope "email")', 400, { claim: 'email' });
  }
  const email = normaliseEmail(claims.email);
  const name = ([claims.name, claims.preferred_username].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? email).trim().slice(0, 100);
  return { email, name };
}
