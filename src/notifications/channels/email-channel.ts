import nodemailer from 'nodemailer';
import { ChannelError, type EmailChannel } from './types.js';

export function createEmailChannel(smtpUrl: string, from: string): EmailChannel & { close(): void } {
  const url = new URL(smtpUrl);
  // A plain smtp:// URL to a relay on the same host or network must not be forced into STARTTLS.
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    ignoreTLS: url.protocol === 'smtp:' && url.searchParams.get('starttls') !== 'true',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    name: 'email',
    async send(to, message) {
      try {
        const { document: file } = message;
        const attachments = file ? [{ filename: file.fileName, content: file.content, contentType: file.contentType }] : undefined;
        await transport.sendMail({ from, to, subject: message.subject, text: message.text, html: message.html, attachments });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (code && code >= 500) throw new ChannelError('permanent', `SMTP ${code}`);
        throw new ChannelError('transient', err instanceof Error ? err.message : String(err));
      }
    },
    close: () => transport.close(),
  };
}
