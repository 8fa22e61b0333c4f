import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { dataOf, EventRegistry, organisationEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { NonRetryableError } from '@gbt/messaging';
import { Consumers, DomainRefusal } from '@gbt/platform';
import { PEOPLE, type People } from '../people/people.aggregate';
import { ChangeMembership } from './membership-commands';

const registered = organisationEvents.find((d) => d.type === 'applications.organisation-registered');

/**
 * The applicant who registers an organisation in the applications service becomes its first
 * member here, so they can invite colleagues. Registrations by staff (an administrator entering
 * a company) make no member; malformed events go to the dead-letter topic.
 */
@Injectable()
export class OrganisationsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(PEOPLE) private readonly people: People,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('organisations', {
      topics: [Topics.organisation],
      registry: new EventRegistry(organisationEvents),
      unknownTypes: 'ignore',
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    if (event.type !== 'applications.organisation-registered' || !registered) return;
    const { organisationId, registeredBy } = dataOf(registered, event.data);
    const { state } = await this.people.load(registeredBy);
    // A demo token's person or a person of another directory: the applications service knows them, we do not.
    if (!state.roles.includes('applicant')) return;
    const at = new Date(event.occurredAt);
    try {
      await this.commands.execute(new ChangeMembership({ type: 'join', organisationId, personId: registeredBy, at }, { actor: event.actor, at }));
    } catch (err) {
      if (err instanceof DomainRefusal && err.code === 'directory.already-member') return;
      if (err instanceof DomainRefusal) throw new NonRetryableError(`${err.code}: ${err.message}`);
      throw err;
    }
  }
}
