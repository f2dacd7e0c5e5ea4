import { v7 as uuidv7 } from 'uuid';
import { MonityError } from '../errors.ts';
import type { Channel } from '../plugins/index.ts';

export interface Mail {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Sends Monity's own e-mails (invitations, password resets) through the channel configured
 * for them; with no configuration that is the sandbox, which keeps them for the mailbox page.
 */
export class Mailer {
  constructor(
    private readonly channels: ReadonlyMap<string, Channel>,
    private readonly channelName: string,
  ) {}

  get channel(): string {
    return this.channelName;
  }

  async send(mail: Mail): Promise<void> {
    // The registry keys channels by plugin and name; configuration names the channel alone.
    const channel = [...this.channels.values()].find(({ name }) => name === this.channelName);
    if (!channel) {
      throw new MonityError('no_email_channel', `No channel "${this.channelName}" is installed`);
    }
    // Monity's own e-mails leave through a server-wide channel: no company's settings.
    await channel.send(
      {
        id: uuidv7(),
        tenantId: mail.tenantId,
        medium: 'email',
        to: mail.to,
        subject: mail.subject,
        body: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
      },
      {},
    );
  }
}
