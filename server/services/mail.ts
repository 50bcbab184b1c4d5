/**
 * Mail: the outbox worker sends what the services queued, after the response, so a slow or
 * failing SMTP server never slows or fails a post. Without SMTP, mails go to the log.
 */
import nodemailer from 'nodemailer';
import type { MailRow, Storage } from '../storage/types.js';

export interface Mailer {
  send(mail: { from: string; to: string; subject: string; text: string; headers: Record<string, string> }): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string | null | undefined, log: (line: string) => void): Mailer {
  if (!smtpUrl) {
    return {
      async send(m) {
        log(`mail (no --smtp, not sent) to ${m.to}: ${m.subject}\n${m.text}`);
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(m) {
      await transport.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, headers: m.headers });
    },
    close: () => transport.close(),
  };
}

const MAX_ATTEMPTS = 6;

export class Outbox {
  readonly #storage: Storage;
  readonly #mailer: Mailer;
  readonly #from: string;
  readonly #log: (line: string) => void;
  readonly #timer: NodeJS.Timeout;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(storage: Storage, mailer: Mailer, options: { from: string; pollMs: number; log: (line: string) => void }) {
    this.#storage = storage;
    this.#mailer = mailer;
    this.#from = options.from;
    this.#log = options.log;
    // Polling picks up mails queued by other processes and retries after failures.
    this.#timer = setInterval(() => this.kick(), options.pollMs);
    this.#timer.unref();
  }

  async enqueue(mails: MailRow[]): Promise<void> {
    await this.#storage.enqueueMail(mails);
    this.kick();
  }

  /** Works the outbox now (after the current response); resolves when this round is done. */
  kick(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#work().catch((e: Error) => this.#log(`outbox: ${e.message}`));
      } while (this.#again);
    })().finally(() => (this.#running = null));
    return this.#running;
  }

  async #work(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const batch = await this.#storage.claimMail(now, 10, 120_000, MAX_ATTEMPTS);
      if (!batch.length) return;
      await Promise.all(
        batch.map(async (m) => {
          try {
            await this.#mailer.send({ from: this.#from, to: m.to, subject: m.subject, text: m.text, headers: m.headers });
            await this.#storage.mailSent(m.id!, Date.now());
          } catch (e) {
            const attempts = m.attempts ?? 1;
            this.#log(`mail to ${m.to} failed (attempt ${attempts}/${MAX_ATTEMPTS}): ${(e as Error).message}`);
            await this.#storage.mailFailed(m.id!, (e as Error).message, Date.now() + 30_000 * 2 ** attempts);
          }
        }),
      );
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
    this.#mailer.close();
  }
}
