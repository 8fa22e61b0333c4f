import { createServer, type Server } from 'node:net';
import { waitFor } from '@gbt/testing';
import { startDirectory } from '../testing/harness';

/** Just enough of an SMTP server (RFC 5321) to take mails from nodemailer and keep what it was sent. */
async function fakeSmtpServer(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server: Server = createServer((socket) => {
    let pending = '';
    let message: string[] | null = null;
    socket.write('220 fake.example ESMTP\r\n');
    socket.on('data', (chunk) => {
      pending += chunk.toString('utf8');
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (message) {
          if (line === '.') {
            received.push(message.join('\n'));
            message = null;
            socket.write('250 queued\r\n');
          } else message.push(line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake.example\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          message = [];
          socket.write('354 end with <CRLF>.<CRLF>\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the mail outbox with SMTP_URL', () => {
  it('sends each mail through the mail server once and records when', async () => {
    const smtp = await fakeSmtpServer();
    const h = await startDirectory({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    try {
      await h.http().post('/auth/password-reset').send({ email: 'rita.reviewer@demo.example' }).expect(202);
      const sent = await waitFor(async () => smtp.received.find((m) => /To: rita\.reviewer@demo\.example/i.test(m)), 30_000, 'the mail to reach the SMTP server');
      expect(sent).toMatch(/password-reset\?token=/);
      const listed = await waitFor(async () => {
        const { mails } = (await h.http().get('/demo/mails').expect(200)).body as { mails: { to: string; sentAt: string | null }[] };
        return mails.find((m) => m.to === 'rita.reviewer@demo.example' && m.sentAt);
      }, 30_000, 'the outbox to record the sending');
      expect(Number.isNaN(Date.parse(listed.sentAt ?? ''))).toBe(false);
      expect(smtp.received).toHaveLength(1);
    } finally {
      await h.close();
      await smtp.close();
    }
  });
});
