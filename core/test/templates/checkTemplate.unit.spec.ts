import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { checkTemplate } from '../../src/templates/checkTemplate.ts';
import { renderContent } from '../../src/templates/renderContent.ts';
import { STARTER_TEMPLATES } from '../../src/templates/starters/starterTemplates.ts';
import type { TemplateContent } from '../../src/templates/templateEvents.ts';
import { sampleVariables } from '../../src/templates/templateVariables.ts';
import { smsStats, transliterate } from '../../src/templates/smsText.ts';

function errorsOf(content: TemplateContent) {
  try {
    checkTemplate(content);
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  return [];
}

const email = (html: string, subject = 'Przypomnienie'): TemplateContent => ({
  medium: 'email',
  language: 'pl',
  subject,
  html,
});

describe('checking a template', () => {
  it('reports a syntax error with its field, line and column', () => {
    const html = '<p>Szanowni Państwo,</p>\n<p>do zapłaty:</p>\n<p>{{ totals.open | mony }}</p>';
    expect(errorsOf(email(html))).toEqual([
      { pointer: '/body/html', message: 'line 3, column 4: undefined filter: mony' },
    ]);
    expect(errorsOf(email('<p>ok</p>', 'Faktura {% if totals.count > 1 %}'))).toEqual([
      {
        pointer: '/body/subject',
        message: 'line 1, column 9: tag {% if totals.count > 1 %} not closed',
      },
    ]);
    expect(errorsOf({ medium: 'sms', language: 'pl', text: 'Kwota {{ totals.open' })).toEqual([
      { pointer: '/body/text', message: 'line 1, column 7: output "{{ totals.open" not closed' },
    ]);
  });

  it('refuses variables outside the documented list, in branches not taken too', () => {
    const text =
      'Dzień dobry {{ customer.nmae }}\n' +
      '{% if false %}{{ creditor.iban }}{% endif %}{{ invoices.first.nubmer }}';
    expect(errorsOf({ medium: 'sms', language: 'pl', text })).toEqual([
      { pointer: '/body/text', message: 'line 1, column 16: unknown variable customer.nmae' },
      { pointer: '/body/text', message: 'line 2, column 18: unknown variable creditor.iban' },
      {
        pointer: '/body/text',
        message: 'line 2, column 48: unknown variable invoices.first.nubmer',
      },
    ]);
  });

  it("finds a wrong property of a loop's item by rendering against a sample message", () => {
    const html =
      '<ul>\n{% for invoice in invoices %}<li>{{ invoice.amout | money }}</li>{% endfor %}';
    expect(errorsOf(email(html))).toEqual([
      { pointer: '/body/html', message: 'line 2, column 37: undefined variable: invoice.amout' },
    ]);
  });

  it("accepts Liquid's own tags, filters and list properties and the template's own variables", () => {
    const text =
      '{% assign n = invoices | size %}{{ n }} {{ invoices.first.number | upcase }} ' +
      '{% for i in invoices %}{{ forloop.index }}. {{ i.number }}{% endfor %} ' +
      '{{ invoices[0].due_date | date_pl }} {{ customer.name.size }} {{ creditor.bank_accounts.size }}';
    expect(errorsOf({ medium: 'sms', language: 'pl', text })).toEqual([]);
  });

  it('keeps templates away from files', () => {
    for (const tag of ['include', 'render', 'layout']) {
      expect(errorsOf({ medium: 'voice', language: 'pl', text: `{% ${tag} 'x' %}` })).toEqual([
        {
          pointer: '/body/text',
          message:
            `line 1, column 1: {% ${tag} %} is not available: ` +
            'a template cannot read other files',
        },
      ]);
    }
  });

  it('stops a render that runs too long', () => {
    const text = '{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}';
    expect(errorsOf({ medium: 'sms', language: 'pl', text })).toEqual([
      { pointer: '/body/text', message: expect.stringMatching(/render limit exceeded/) },
    ]);
  });

  it('asks each medium for its fields', () => {
    expect(errorsOf({ medium: 'email', language: 'pl', text: 'x' })).toEqual([
      { pointer: '/body/subject', message: 'a template for email needs subject' },
      { pointer: '/body/html', message: 'a template for email needs html' },
    ]);
    expect(errorsOf({ medium: 'sms', language: 'en', subject: 'x', text: 'y' })).toEqual([
      { pointer: '/body/subject', message: 'a template for sms has no subject' },
    ]);
  });
});

describe('rendering an e-mail', () => {
  it('removes scripts, event handlers and javascript: links from the HTML', () => {
    const html =
      '<p onclick="steal()">Dzień dobry {{ customer.name }}</p><script>alert(1)</script>' +
      '<a href="javascript:alert(1)">zapłać</a><img src="https://x.pl/logo.png" onerror="x()">' +
      '<iframe src="https://x.pl"></iframe><table><tr><td style="color:red">1</td></tr></table>';
    const rendered = renderContent(email(html), sampleVariables('pl'));
    expect(rendered.html).toBe(
      '<p>Dzień dobry Kowalski i Wspólnicy sp.j.</p><a>zapłać</a>' +
        '<img src="https://x.pl/logo.png" /><table><tr><td style="color:red">1</td></tr></table>',
    );
  });

  it('escapes what variables hold in the HTML, and makes the text part from it', () => {
    const variables = sampleVariables('pl');
    variables.customer.name = 'A&B <script>x</script>';
    const rendered = renderContent(
      email('<p>Dla {{ customer.name }}:</p><p>{{ totals.open | money }}</p>'),
      variables,
    );
    expect(rendered.html).toBe(
      '<p>Dla A&amp;B &lt;script&gt;x&lt;/script&gt;:</p><p>3\u00a0194,56\u00a0zł</p>',
    );
    expect(rendered.text).toBe('Dla A&B <script>x</script>:\n\n3\u00a0194,56\u00a0zł');
  });
});

/** The sample message's total, as money or in words. */
const TOTAL = {
  pl: /3 194,56 zł|trzy tysiące sto dziewięćdziesiąt cztery złote i pięćdziesiąt sześć groszy/,
  en: /PLN 3,194\.56|three thousand one hundred and ninety-four zlotys and fifty-six groszy/,
};

describe('the starter templates', () => {
  it('are eighteen: three steps by three media by two languages', () => {
    expect(STARTER_TEMPLATES).toHaveLength(18);
    expect(new Set(STARTER_TEMPLATES.map((s) => s.id)).size).toBe(18);
  });

  it.each(STARTER_TEMPLATES.map((s) => [s.id, s] as const))('%s passes its own check', (_, s) => {
    expect(errorsOf(s)).toEqual([]);
    const rendered = renderContent(s, sampleVariables(s.language));
    const text = rendered.text.replace(/\u00a0/g, ' ');
    expect(text).toContain('Przykładowa Hurtownia sp. z o.o.');
    expect(text).toMatch(TOTAL[s.language]);
    expect(text).not.toMatch(/\{\{|\{%|undefined|NaN/);
  });

  it('keep their SMS to two parts, and one once transliterated', () => {
    for (const starter of STARTER_TEMPLATES.filter((s) => s.medium === 'sms')) {
      const variables = sampleVariables(starter.language);
      // A creditor's name with a Polish letter, as most have: it makes any text UCS-2.
      variables.creditor.name = 'Hurtownia Łódź sp. z o.o.';
      const { text } = renderContent(starter, variables);
      expect(smsStats(text).segments, starter.id).toBeLessThanOrEqual(2);
      expect(smsStats(transliterate(text)).segments, starter.id).toBe(1);
    }
  });
});
