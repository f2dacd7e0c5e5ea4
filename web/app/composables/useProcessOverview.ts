/**
 * A process's figures step by step (`GET /api/processes/:id/overview`). The process's page asks
 * for them beside the process, and the overview shown once the process is in takes that answer:
 * both calls share it by its key (a call while it is still on its way asks again).
 */
export function useProcessOverview(processId: string) {
  const api = useApi();
  return useTenantData(`process-overview:${processId}`, () => api.processes.overview(processId));
}
