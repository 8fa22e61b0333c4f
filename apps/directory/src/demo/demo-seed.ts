import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DEMO_ADMINISTRATOR, demoDirectoryStreams, shanghaiDate } from '@gbt/auth';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK, contextNow, type Clock } from '@gbt/platform';
import { PEOPLE, type People } from '../people/people.aggregate';
import { ChangePerson, RegisterPerson } from '../people/people-commands';
import { DIRECTORY_SETTINGS, type DirectorySettings } from '../settings';

/**
 * Demo mode only: the demo people of the development issuer (same ids, so their demo tokens and
 * their one-click sign-in name the same person) and the demo staff's qualifications, entered as
 * the demo administrator would, at every start; what is there already is left as it is.
 */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(PEOPLE) private readonly people: People,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.demo) return;
    const context = contextNow({ id: DEMO_ADMINISTRATOR, role: 'administrator' }, this.clock);
    let added = 0;
    for (const { events } of demoDirectoryStreams(shanghaiDate(this.clock.now()))) {
      for (const event of events) {
        if (event.type === 'directory.person-registered') {
          const { personId, name, email, roles } = event.data;
          if ((await this.people.load(personId)).version > 0) continue;
          await this.commands.execute(new RegisterPerson({ personId, name, email, roles }, context));
          added++;
        } else if (event.type === 'directory.qualification-recorded') {
          const { personId, by: _by, ...qualification } = event.data;
          if ((await this.people.load(personId)).state.qualifications[qualification.qualificationId]) continue;
          await this.commands.execute(new ChangePerson({ personId, change: { type: 'record-qualification', ...qualification, by: DEMO_ADMINISTRATOR } }, context));
          added++;
        }
      }
    }
    this.logger.info('demo directory ready', { added });
  }
}
