import type { TemplateDraft } from '../templateEvents.ts';
import { addressee, invoiceTable, paragraphs, signature } from './starterParts.ts';

const table = invoiceTable({
  number: 'Numer faktury',
  issued: 'Data wystawienia',
  due: 'Termin płatności',
  daysOverdue: 'Dni po terminie',
  amount: 'Kwota brutto',
  open: 'Do zapłaty',
  total: 'Razem do zapłaty',
  dateFilter: 'date_pl',
});

const COUNT_FAKTURA = "{{ totals.count | plural: 'faktura', 'faktury', 'faktur' }}";
/** "za fakturę FV/1/2026" or "za 3 faktury": what an SMS asks to be paid for. */
const FOR_INVOICES =
  '{% if totals.count == 1 %}fakturę {{ invoices.first.number }}{% else %}{{ totals.count }} ' +
  "{{ totals.count | plural: 'fakturę', 'faktury', 'faktur' }}{% endif %}";
/** "na rachunek bankowy PL61 …", or the invoice's account when the company gave none. */
const ACCOUNT =
  '{% if creditor.bank_account != blank %}na rachunek bankowy ' +
  '<strong>{{ creditor.bank_account }}</strong>' +
  '{% if creditor.bank_name != blank %} ({{ creditor.bank_name }}){% endif %}' +
  '{% else %}na rachunek wskazany na fakturze{% endif %}';
const PLACE_AND_DATE =
  '<p style="text-align:right">{% if creditor.address.city != blank %}' +
  '{{ creditor.address.city }}, {% endif %}{{ today | date_pl }}</p>';
/** Statutory interest and recovery compensation named as the creditor's right, not a threat. */
const LATE_PAYMENT_ACT =
  'ustawy z dnia 8 marca 2013 r. o przeciwdziałaniu nadmiernym opóźnieniom w transakcjach ' +
  'handlowych';

const reminderEmail: TemplateDraft = {
  name: 'Przypomnienie o płatności – e-mail',
  kind: 'reminder',
  medium: 'email',
  language: 'pl',
  subject:
    'Przypomnienie o płatności{% if totals.count == 1 %} za fakturę ' +
    `{{ invoices.first.number }}{% else %} – {{ totals.count }} ${COUNT_FAKTURA}{% endif %}` +
    ' – {{ creditor.name }}',
  html: [
    '<p>Szanowni Państwo,</p>',
    '<p>uprzejmie przypominamy, że w naszej ewidencji ' +
      '{% if totals.count == 1 %}pozostaje nieopłacona faktura wystawiona{% else %}' +
      'pozostają nieopłacone faktury wystawione{% endif %} dla {{ customer.name }}' +
      '{% if customer.tax_id != blank %} (NIP {{ customer.tax_id }}){% endif %}:</p>',
    table,
    ...paragraphs(
      'Łącznie do zapłaty: <strong>{{ totals.open | money }}</strong>' +
        '{% if totals.overdue != totals.open and totals.overdue_count > 0 %}, ' +
        'w tym po terminie {{ totals.overdue | money }}{% endif %}.',
      `Prosimy o uregulowanie należności ${ACCOUNT}, ` +
        'podając w tytule przelewu: <strong>{{ transfer_title }}</strong>.',
      'Jeżeli płatność została już zrealizowana, dziękujemy i prosimy uznać tę wiadomość za ' +
        'nieaktualną. W razie pytań lub wątpliwości co do salda wystarczy odpowiedzieć na ' +
        'tę wiadomość.',
    ),
    signature('Z wyrazami szacunku', 'NIP'),
  ].join('\n'),
};

const reminderSms: TemplateDraft = {
  name: 'Przypomnienie o płatności – SMS',
  kind: 'reminder',
  medium: 'sms',
  language: 'pl',
  text:
    `{{ creditor.name }}: przypominamy o płatności {{ totals.open | money }} za ${FOR_INVOICES}. ` +
    'Jeśli już Państwo zapłacili, dziękujemy.',
};

const reminderVoice: TemplateDraft = {
  name: 'Przypomnienie o płatności – połączenie głosowe',
  kind: 'reminder',
  medium: 'voice',
  language: 'pl',
  text: [
    'Dzień dobry, dzwonimy w imieniu firmy {{ creditor.name }} w sprawie płatności.',
    'Uprzejmie przypominamy o ' +
      "{{ totals.count | plural: 'nieopłaconej fakturze', 'nieopłaconych fakturach', " +
      "'nieopłaconych fakturach' }} na łączną kwotę {{ totals.open | words }}.",
    '{% if totals.count == 1 %}Termin płatności upłynął{% else %}Termin płatności ' +
      'najstarszej z nich upłynął{% endif %} {{ invoices.first.due_date | date_words }}.',
    'Prosimy o uregulowanie należności przelewem na rachunek podany na fakturze.',
    'Jeżeli płatność została już wykonana, dziękujemy i prosimy nie brać tej wiadomości ' +
      'pod uwagę. Życzymy miłego dnia.',
  ].join('\n'),
};

const demandEmail: TemplateDraft = {
  name: 'Wezwanie do zapłaty – e-mail',
  kind: 'demand',
  medium: 'email',
  language: 'pl',
  subject: 'Wezwanie do zapłaty – {{ creditor.name }}',
  html: [
    PLACE_AND_DATE,
    addressee('NIP'),
    '<h2 style="font-size:18px">Wezwanie do zapłaty</h2>',
    '<p>Niniejszym {{ creditor.name }}' +
      '{% if creditor.tax_id != blank %} (NIP {{ creditor.tax_id }}){% endif %} wzywa ' +
      'do zapłaty kwoty <strong>{{ totals.open | money }}</strong> (słownie: ' +
      '{{ totals.open | words }}) tytułem nieuregulowanych należności wynikających z ' +
      '{% if totals.count == 1 %}następującej faktury{% else %}następujących faktur{% endif %}:</p>',
    table,
    ...paragraphs(
      'Wskazaną kwotę prosimy wpłacić w terminie 7 dni od dnia otrzymania niniejszego ' +
        `wezwania ${ACCOUNT}, podając w tytule przelewu: <strong>{{ transfer_title }}</strong>.`,
      'Informujemy, że za opóźnienie w zapłacie wierzycielowi przysługują odsetki ustawowe za ' +
        'opóźnienie w transakcjach handlowych oraz rekompensata za koszty odzyskiwania ' +
        `należności na zasadach ${LATE_PAYMENT_ACT}. Zastrzegamy sobie prawo do ich naliczenia.`,
      'Jeżeli należność została już uregulowana, prosimy o przesłanie potwierdzenia przelewu. ' +
        'Ewentualne zastrzeżenia co do wysokości zadłużenia prosimy zgłosić przed upływem ' +
        'wskazanego terminu, odpowiadając na tę wiadomość.',
    ),
    signature('Z poważaniem', 'NIP'),
  ].join('\n'),
};

const demandSms: TemplateDraft = {
  name: 'Wezwanie do zapłaty – SMS',
  kind: 'demand',
  medium: 'sms',
  language: 'pl',
  text:
    `{{ creditor.name }}: wzywamy do zapłaty {{ totals.open | money }} za ${FOR_INVOICES} ` +
    'w ciągu 7 dni. Jeśli zapłacono, prosimy o potwierdzenie.',
};

const demandVoice: TemplateDraft = {
  name: 'Wezwanie do zapłaty – połączenie głosowe',
  kind: 'demand',
  medium: 'voice',
  language: 'pl',
  text: [
    'Dzień dobry, dzwonimy w imieniu firmy {{ creditor.name }} w sprawie zaległych płatności.',
    'Łączna kwota do zapłaty wynosi {{ totals.open | words }}.',
    'Wzywamy do jej uregulowania w ciągu siedmiu dni.',
    'Przypominamy, że za opóźnienie w płatnościach między firmami przepisy przyznają ' +
      'wierzycielowi prawo do odsetek ustawowych za opóźnienie w transakcjach handlowych.',
    'Jeżeli należność została już zapłacona, prosimy o przesłanie potwierdzenia przelewu. ' +
      'W razie pytań prosimy o kontakt. Dziękujemy.',
  ].join('\n'),
};

const finalDemandEmail: TemplateDraft = {
  name: 'Ostateczne przedsądowe wezwanie do zapłaty – e-mail',
  kind: 'final_demand',
  medium: 'email',
  language: 'pl',
  subject: 'Ostateczne przedsądowe wezwanie do zapłaty – {{ creditor.name }}',
  html: [
    PLACE_AND_DATE,
    addressee('NIP'),
    '<h2 style="font-size:18px">Ostateczne przedsądowe wezwanie do zapłaty</h2>',
    ...paragraphs(
      'Pomimo wcześniejszych przypomnień i wezwania do zapłaty do dnia dzisiejszego nie ' +
        'otrzymaliśmy zapłaty za następujące faktury:',
    ),
    table,
    ...paragraphs(
      'Łączna kwota zadłużenia wynosi <strong>{{ totals.open | money }}</strong> (słownie: ' +
        '{{ totals.open | words }}).',
      'Ostatecznie wzywamy do zapłaty powyższej kwoty w nieprzekraczalnym terminie 7 dni od ' +
        `dnia otrzymania niniejszego wezwania ${ACCOUNT}, podając w tytule przelewu: ` +
        '<strong>{{ transfer_title }}</strong>.',
      'W przypadku braku zapłaty w tym terminie sprawa może zostać skierowana na drogę ' +
        'postępowania sądowego bez dalszego wezwania, co wiąże się z dodatkowymi kosztami ' +
        'postępowania. Niezależnie od tego przysługuje nam prawo do odsetek ustawowych za ' +
        'opóźnienie w transakcjach handlowych oraz rekompensaty za koszty odzyskiwania ' +
        `należności na zasadach ${LATE_PAYMENT_ACT}.`,
      'Zależy nam na polubownym zakończeniu sprawy. Jeżeli potrzebują Państwo rozłożenia ' +
        'płatności na raty lub uzgodnienia terminu, prosimy o kontakt przed upływem ' +
        'wskazanego terminu. Jeżeli należność została już zapłacona, prosimy o przesłanie ' +
        'potwierdzenia przelewu.',
    ),
    signature('Z poważaniem', 'NIP'),
  ].join('\n'),
};

const finalDemandSms: TemplateDraft = {
  name: 'Ostateczne wezwanie do zapłaty – SMS',
  kind: 'final_demand',
  medium: 'sms',
  language: 'pl',
  text:
    '{{ creditor.name }}: ostateczne wezwanie do zapłaty {{ totals.open | money }} w ciągu ' +
    '7 dni. Bez wpłaty sprawa może trafić do sądu.',
};

const finalDemandVoice: TemplateDraft = {
  name: 'Ostateczne wezwanie do zapłaty – połączenie głosowe',
  kind: 'final_demand',
  medium: 'voice',
  language: 'pl',
  text: [
    'Dzień dobry, dzwonimy w imieniu firmy {{ creditor.name }} z ostatecznym przedsądowym ' +
      'wezwaniem do zapłaty.',
    'Mimo wcześniejszych wezwań kwota {{ totals.open | words }} pozostaje nieopłacona.',
    'Prosimy o jej zapłatę w ciągu siedmiu dni.',
    'Jeżeli wpłata nie nastąpi w tym terminie, sprawa może zostać skierowana do sądu, co ' +
      'wiąże się z dodatkowymi kosztami.',
    'Jeżeli chcą Państwo uzgodnić termin lub raty, prosimy o pilny kontakt. Dziękujemy.',
  ].join('\n'),
};

export const polishStarters: TemplateDraft[] = [
  reminderEmail,
  reminderSms,
  reminderVoice,
  demandEmail,
  demandSms,
  demandVoice,
  finalDemandEmail,
  finalDemandSms,
  finalDemandVoice,
];
