import { ValidationError, type TemplateContent } from '@monity/core';
import type { MessageContext } from '../templates/messageContext.ts';
import { renderMessages, type RenderedMessage } from '../templates/renderMessages.ts';

/** One message of a collection step to render: the step's template and its debt's context. */
export interface RenderJob {
  template: TemplateContent;
  context: MessageContext;
}

/** Why a message could not be rendered, as plain data that crosses to another thread. */
export interface RenderFailure {
  failed: string;
}

/**
 * Renders each job's message, or says why it could not be: one failure never stops the others.
 * Pure and plain data in and out, so it runs the same in a worker thread (renderWorker.js) as
 * in the caller's.
 */
export function renderBatch(jobs: RenderJob[]): (RenderedMessage | RenderFailure)[] {
  return jobs.map(({ template, context }) => {
    try {
      const [message] = renderMessages(template, context);
      return message ?? { failed: 'Nothing is left unpaid of the step’s invoices' };
    } catch (error) {
      return { failed: reasonOf(error) };
    }
  });
}

/** The error's message, with the template's fields that failed and where. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!(error instanceof ValidationError)) return error.message;
  const fields = error.errors.map((field) => `${field.pointer} ${field.message}`);
  return [error.message, ...fields].join('; ');
}
