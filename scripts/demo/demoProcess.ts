import { v5 as uuidv5 } from 'uuid';
import { processStream, type DemoLedger, type ProcessDefinition } from '@monity/core';

/**
 * A collection process over the demo groups and starter templates, saved stopped: the demo's
 * first run shows all three steps of the journey done, and nothing is sent until someone
 * starts it. Group and template ids are derived as demoGroups.ts and the starters derive them.
 */
function definition(tenantId: string): ProcessDefinition {
  const group = (name: string) => uuidv5(`demo:group:${name}`, tenantId);
  const template = (starter: string) => uuidv5(`starter-template:${starter}`, tenantId);
  const step = (name: string) => uuidv5(`demo:process-step:${name}`, tenantId);
  return {
    name: 'Windykacja standardowa',
    // Spelt out, though it is the default, so that the builder shows the demo's window as saved.
    window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' },
    steps: [
      {
        id: step('before-due'),
        name: 'Przypomnienie przed terminem',
        kind: 'reminder_before_due',
        selection: { groupId: group('Przypomnienie przed terminem') },
        channels: [{ medium: 'email', templateId: template('reminder-email-pl') }],
        timing: { from: 'dueDate', days: -3 },
        approval: 'automatic',
      },
      {
        id: step('demand'),
        name: 'Wezwanie do zapłaty',
        kind: 'demand',
        selection: { groupId: group('Przeterminowane ponad 30 dni (PLN)') },
        channels: [
          { medium: 'email', templateId: template('demand-email-pl') },
          { medium: 'sms', templateId: template('demand-sms-pl') },
        ],
        timing: { from: 'dueDate', days: 31 },
        approval: 'queue',
      },
    ],
  };
}

/** Saves the demo company's collection process, after its groups and templates. */
export const loadDemoProcess: DemoLedger = async ({ tenantId, eventStore }) => {
  const processId = uuidv5('demo:process:standard', tenantId);
  await eventStore.append(
    { tenantId, streamId: processStream(processId) },
    [
      {
        id: uuidv5(`demo:ProcessDefined:${processId}`, tenantId),
        type: 'ProcessDefined',
        data: { processId, ...definition(tenantId) },
        metadata: {
          tenantId,
          actor: { kind: 'system', id: 'demo' },
          correlationId: tenantId,
          causationId: null,
          occurredAt: new Date().toISOString(),
        },
      },
    ],
    { expectedVersion: 'no_stream' },
  );
};
