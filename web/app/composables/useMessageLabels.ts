import type { Medium, MessagePurpose, MessageStatus } from '@monity/sdk';

type BadgeColor = 'neutral' | 'info' | 'success' | 'warning' | 'error';

export const MESSAGE_STATUSES: MessageStatus[] = [
  'awaiting_approval',
  'rejected',
  'queued',
  'retrying',
  'sent',
  'unknown',
  'refused',
  'delivered',
  'opened',
  'bounced',
  'failed',
];
export const MEDIA: Medium[] = ['email', 'sms', 'voice'];
export const MESSAGE_PURPOSES: MessagePurpose[] = ['test', 'manual', 'process'];

// Green once it reached the person, red when it will not, amber when nobody knows.
const STATUS_COLORS: Record<MessageStatus, BadgeColor> = {
  awaiting_approval: 'warning',
  rejected: 'neutral',
  queued: 'neutral',
  retrying: 'warning',
  sent: 'info',
  unknown: 'warning',
  refused: 'error',
  delivered: 'success',
  opened: 'success',
  bounced: 'error',
  failed: 'error',
};

/**
 * Names and colours of messages' statuses, media, purposes and channels, in the page's
 * language. A channel the app has no name for (a plugin added later) shows as it is called.
 */
export function useMessageLabels() {
  const { t, te } = useI18n();

  return {
    status: (status: string) => t(`messages.statuses.${status}`),
    statusColor: (status: string): BadgeColor =>
      STATUS_COLORS[status as MessageStatus] ?? 'neutral',
    medium: (medium: string) => t(`messages.media.${medium}`),
    purpose: (purpose: string) => t(`messages.purposes.${purpose}`),
    channel: (name: string) => (te(`channels.names.${name}`) ? t(`channels.names.${name}`) : name),
  };
}
