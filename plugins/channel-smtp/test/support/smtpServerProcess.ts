/**
 * A mail server in a process of its own, for the SMTP channel's tests. It takes logins of
 * SMTP_USER with SMTP_PASS only, and prints one JSON line when it listens and one for each
 * message it receives: the envelope, who logged in, and the message as sent (base64).
 * Recipients choose what it does: `refuse…@` is refused at RCPT TO, `stall…@` is never
 * answered at RCPT TO, and for `silent…@` the message is read to its end and never answered.
 */
import { SMTPServer } from 'smtp-server';

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const refusal = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

const server = new SMTPServer({
  authMethods: ['PLAIN', 'LOGIN'],
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === process.env.SMTP_USER && auth.password === process.env.SMTP_PASS) {
      return callback(null, { user: auth.username });
    }
    return callback(refusal('Invalid username or password', 535));
  },
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith('stall')) return;
    if (address.address.startsWith('refuse')) {
      return callback(refusal(`<${address.address}>: Recipient address rejected`, 550));
    }
    return callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const rcptTo = session.envelope.rcptTo.map((r) => r.address);
      say({
        event: 'message',
        user: session.user ?? null,
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        rcptTo,
        raw: Buffer.concat(chunks).toString('base64'),
      });
      if (rcptTo.some((address) => address.startsWith('silent'))) return;
      callback(null, 'OK: queued as 7F3A2B');
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  say({ event: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => process.exit(0));
