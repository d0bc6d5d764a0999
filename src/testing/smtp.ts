/**
 * A real SMTP server for tests (smtp-server), listening on a free local port: it receives what the platform sends
 * and parses each message (mailparser). It can refuse the next messages with a temporary (4xx) or permanent (5xx)
 * reply, to test retries.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface TestSmtp {
  url: string;
  messages: ParsedMail[];
  /** Refuse the next `count` messages with this reply code (421/451: try again; 550: never). */
  refuseNext(count: number, code: number): void;
  /** Resolves once `n` messages have arrived. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  let refuse = { count: 0, code: 451 };
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (refuse.count > 0) {
            refuse.count--;
            const err = Object.assign(new Error(refuse.code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: refuse.code });
            return callback(err);
          }
          messages.push(mail);
          for (const w of waiters.filter((x) => messages.length >= x.n)) w.resolve();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext(count, code) {
      refuse = { count, code };
    },
    waitFor(n) {
      if (messages.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
