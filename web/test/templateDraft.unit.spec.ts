import { describe, expect, it } from 'vitest';
import { editableTemplate, templateDraft } from '../app/utils/templateDraft.ts';

describe('a template being edited', () => {
  it("sends only its medium's fields, and only those written", () => {
    const email = editableTemplate({
      name: ' Przypomnienie ',
      medium: 'email',
      language: 'pl',
      kind: 'reminder',
      subject: 'Faktury {{ customer.name }}',
      html: '<p>Dzień dobry</p>',
    });

    expect(templateDraft(email)).toEqual({
      name: 'Przypomnienie',
      medium: 'email',
      language: 'pl',
      kind: 'reminder',
      subject: 'Faktury {{ customer.name }}',
      html: '<p>Dzień dobry</p>',
    });
    expect(templateDraft({ ...email, text: 'Dzień dobry' }).text).toBe('Dzień dobry');
  });

  it('leaves an e-mail behind when switched to SMS, and an empty required field out', () => {
    const sms = {
      ...editableTemplate({ medium: 'email', language: 'en' }),
      medium: 'sms' as const,
    };
    sms.subject = 'Left from the e-mail';
    sms.html = '<p>Left from the e-mail</p>';

    expect(templateDraft(sms)).toEqual({
      name: '',
      medium: 'sms',
      language: 'en',
      kind: 'reminder',
    });
    expect(templateDraft({ ...sms, text: 'Pay {{ totals.open | money }}' }).text).toBe(
      'Pay {{ totals.open | money }}',
    );
  });
});
