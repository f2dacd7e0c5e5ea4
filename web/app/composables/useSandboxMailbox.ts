import { isApiError, type MailboxMessage } from '@monity/sdk';

/**
 * Messages kept by the sandbox e-mail channel that belong to no company (password resets).
 * `available` is false when e-mail really leaves the machine: the API then answers 404.
 */
export function useSandboxMailbox() {
  const api = useApi();
  const messages = ref<MailboxMessage[]>([]);
  const available = ref(false);
  const loaded = ref(false);

  async function refresh(): Promise<void> {
    try {
      messages.value = (await api.mailbox.listSandbox()).messages;
      available.value = true;
    } catch (error) {
      if (!isApiError(error) || error.status !== 404) throw error;
      available.value = false;
    } finally {
      loaded.value = true;
    }
  }

  return { messages, available, loaded, refresh };
}
