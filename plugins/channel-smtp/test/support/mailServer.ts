import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

interface ReceivedMail {
  user: string | null;
  mailFrom: string | null;
  rcptTo: string[];
  raw: Buffer;
}

export interface MailServer {
  port: number;
  /** Resolves with the next message the server receives. */
  nextMail(): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./smtpServerProcess.ts', import.meta.url));

/** Starts `smtpServerProcess.ts` in a child process taking logins of `user` with `pass`. */
export async function startMailServer(user: string, pass: string): Promise<MailServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, SMTP_USER: user, SMTP_PASS: pass },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const mails: ReceivedMail[] = [];
  const waiting: ((mail: ReceivedMail) => void)[] = [];
  let listening: (port: number) => void = () => {};
  const port = new Promise<number>((resolve) => (listening = resolve));

  createInterface({ input: child.stdout }).on('line', (line) => {
    const said = JSON.parse(line) as { event: string; port?: number; raw?: string };
    if (said.event === 'listening') return listening(said.port ?? 0);
    const mail = {
      ...(said as unknown as ReceivedMail),
      raw: Buffer.from(said.raw ?? '', 'base64'),
    };
    const waiter = waiting.shift();
    if (waiter) waiter(mail);
    else mails.push(mail);
  });

  return {
    port: await port,
    nextMail: () => {
      const mail = mails.shift();
      return mail ? Promise.resolve(mail) : new Promise((resolve) => waiting.push(resolve));
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
