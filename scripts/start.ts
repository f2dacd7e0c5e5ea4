import { runMonity } from '@monity/core';
import { loadDemoLedger } from './demo/demoLedger.ts';
import { loadDemoGroups } from './demo/demoGroups.ts';
import { loadDemoProcess } from './demo/demoProcess.ts';
import { loadDemoRates } from './demo/demoRates.ts';
import { loadDemoTemplates } from './demo/demoTemplates.ts';

/** `npm start`: Monity with its embedded database, sandbox channels and a demo ledger. */
await runMonity({
  demoLedger: async (services) => {
    await loadDemoLedger(services);
    // Synthetic rates, not NBP's: so the demo's EUR and USD figures convert to PLN.
    await loadDemoRates(services);
    await loadDemoGroups(services);
    await loadDemoTemplates(services);
    await loadDemoProcess(services);
  },
});
