import { DEMO_ADMINISTRATOR, DEMO_USERS, demoEmail } from '@gbt/auth';
import { EventRegistry, reportReminderEvents, Topics } from '@gbt/contracts';
import { EventPublisher } from '@gbt/messaging';
import { testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { startDirectory } from '../testing/harness';

interface Mail {
  readonly kind: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

describe("the monthly report's reminder, mailed to the administrators", () => {
  let h: Awaited<ReturnType<typeof startDirectory>>;
  let publisher: EventPublisher;

  beforeAll(async () => {
    h = await startDirectory();
    publisher = new EventPublisher(testKafka(), { registry: new EventRegistry(reportReminderEvents), topicFor: () => Topics.certificate });
    await publisher.connect();
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await h?.close();
  });

  const reminders = async (): Promise<Mail[]> => ((await h.http().get('/demo/mails?limit=100').expect(200)).body as { mails: Mail[] }).mails.filter((m) => m.kind === 'report-due');

  it('mails each active administrator once per fact, in Chinese and English, with the state of the latest report', async () => {
    const admin = DEMO_USERS.find((u) => u.id === DEMO_ADMINISTRATOR);
    const fact = testEnvelope('certificates.monthly-report-due', 'monthly-report-due-2026-11', { period: '2026-11', dueOn: '2026-12-10', reportId: 'report-2026-11-1', problems: 2 }, { actor: 'monthly-report-job' });
    await publisher.publish([fact]);
    const mails = await waitFor(async () => {
      const found = await reminders();
      return found.length > 0 ? found : undefined;
    }, 30_000, 'the reminder mail');
    expect(mails.map((m) => m.to)).toEqual([demoEmail(admin!)]);
    expect(mails[0]).toMatchObject({ subject: expect.stringContaining('2026-11') });
    expect(mails[0]!.text).toContain('2026-12-10');
    expect(mails[0]!.text).toContain('2 problem(s)');
    expect(mails[0]!.text).toContain('2 个问题');

    // The same fact delivered again (a redelivery) mails nothing more.
    await publisher.publish([fact]);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await reminders()).toHaveLength(1);
  });
});
