import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { dataOf, EventRegistry, reportReminderEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import { StaffRoster } from '../people/staff-roster';
import { DIRECTORY_SETTINGS, type DirectorySettings } from '../settings';
import { MailOutbox } from './mail-outbox';

const [due] = reportReminderEvents;

/**
 * Mails every active administrator when the certificates service records that a month's report
 * to the certification authority falls due (its monthly job, some working days before the 10th).
 * The other facts on that topic are not for the directory and are passed over.
 */
@Injectable()
export class ReportRemindersConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(StaffRoster) private readonly roster: StaffRoster,
    @Inject(MailOutbox) private readonly outbox: MailOutbox,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('report-reminders', {
      topics: [Topics.certificate],
      registry: new EventRegistry(reportReminderEvents),
      unknownTypes: 'ignore',
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    if (event.type !== due.type) return;
    const { period, dueOn, problems } = dataOf(due, event.data);
    const link = `${this.settings.consoleUrl}/reports`;
    const state =
      problems === null
        ? { zh: '本月报告尚未生成。', en: 'No report has been prepared for the month yet.' }
        : problems > 0
          ? { zh: `最新报告有 ${problems} 个问题需要处理。`, en: `The latest report lists ${problems} problem(s) to fix.` }
          : { zh: '最新报告已通过校验，可以上报。', en: 'The latest report passed validation and can be filed.' };
    const administrators = (await this.roster.list()).filter((p) => p.status === 'active' && p.roles.includes('administrator') && p.email);
    for (const person of administrators) {
      await this.outbox.write({
        kind: 'report-due',
        to: person.email,
        subject: `${period} 月度报告 ${dueOn} 到期 / Monthly report ${period} due ${dueOn}`,
        text: `${period} 的认证活动月度报告须于 ${dueOn} 前报送国家认证认可监督管理委员会。${state.zh}\nThe monthly report of certification activity for ${period} is due to the certification authority by ${dueOn}. ${state.en}\n\n${link}`,
        link,
      });
    }
  }
}
