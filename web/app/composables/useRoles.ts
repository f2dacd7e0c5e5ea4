import type { Role } from '@monity/sdk';

const ROLES: Role[] = ['owner', 'admin', 'collector', 'viewer'];

/** Roles as select options; a user may hand out only roles up to their own. */
export function useRoles() {
  const { t } = useI18n();
  const { session } = useSession();

  const assignable = computed(() => {
    const own = ROLES.indexOf(session.value?.role ?? 'viewer');
    return ROLES.slice(own).map((role) => ({ value: role, label: t(`roles.${role}`) }));
  });

  // API keys act for an integration, never as an owner.
  const forApiKeys = computed(() => assignable.value.filter((option) => option.value !== 'owner'));

  return { assignable, forApiKeys, label: (role: Role) => t(`roles.${role}`) };
}
