import { isApiError, type Permission, type Session } from '@monity/sdk';

/** The signed-in user's session: who, in which company, allowed to do what. */
export function useSession() {
  const api = useApi();
  const session = useState<Session | null>('session', () => null);
  const loaded = useState('session-loaded', () => false);

  async function load(): Promise<Session | null> {
    if (loaded.value) return session.value;
    try {
      session.value = await api.session.get();
    } catch (error) {
      if (!isApiError(error) || error.status !== 401) throw error;
      session.value = null;
    }
    loaded.value = true;
    return session.value;
  }

  /** Asks the server again, after a change that shows in the session (the company's name). */
  async function refresh(): Promise<void> {
    set(await api.session.get());
  }

  function set(next: Session | null): void {
    session.value = next;
    loaded.value = true;
  }

  const can = (permission: Permission): boolean =>
    session.value?.permissions.includes(permission) ?? false;

  async function logout(): Promise<void> {
    await api.auth.logout();
    set(null);
  }

  async function switchTenant(tenantId: string): Promise<void> {
    set(await api.session.switchTenant(tenantId));
  }

  return { session, load, refresh, set, can, logout, switchTenant };
}
