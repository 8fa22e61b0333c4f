import { NotFoundException } from '@nestjs/common';
import type { SignIn } from '../accounts/sign-in';
import type { MailOutbox } from '../mail/mail-outbox';
import { settingsFromEnv } from '../settings';
import { DemoController } from './demo.controller';

describe('the demo endpoints', () => {
  it('answer 404 out of demo mode, before touching anything', async () => {
    const untouched = new Proxy({}, { get: () => { throw new Error('not to be called'); } });
    const controller = new DemoController(untouched as SignIn, untouched as MailOutbox, settingsFromEnv({ DEMO_MODE: 'false' }));
    expect(() => controller.signInAs({ personId: 'ada.admin' })).toThrow(NotFoundException);
    await expect(controller.mails({})).rejects.toThrow(NotFoundException);
  });
});
