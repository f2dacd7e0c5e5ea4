/** An audit action in words (`UserInvited` → "User invited"), or its event name when unknown. */
export function useAuditActionLabel() {
  const { t, te } = useI18n();
  return (action: string): string => {
    const key = `auditLog.actions.${action}`;
    return te(key) ? t(key) : action;
  };
}
