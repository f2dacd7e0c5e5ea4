import type { City } from './addresses.ts';
import type { ForeignCountryCode } from './foreignCountries.ts';
import type { CompanyName, Person } from './polishNames.ts';
import { Weighted, type Random } from './prng.ts';

/**
 * E-mail addresses at a domain made of the customer's name, and telephone numbers that are valid
 * numbers of their country, written in the mix of notations ERP contact fields hold.
 */

const POLISH_MAILBOXES = new Weighted<string>([
  ['biuro', 32],
  ['ksiegowosc', 15],
  ['faktury', 15],
  ['kontakt', 10],
  ['office', 5],
  ['sekretariat', 5],
  ['info', 5],
  ['', 13],
]);

const FOREIGN_MAILBOXES: Record<ForeignCountryCode, readonly string[]> = {
  DE: ['info', 'buchhaltung', 'rechnung', 'office', 'kontakt'],
  AT: ['office', 'buchhaltung', 'info'],
  CZ: ['info', 'ucetni', 'fakturace', 'obchod'],
  SK: ['info', 'uctovnictvo', 'fakturacia'],
  LT: ['info', 'buhalterija', 'apskaita'],
  NL: ['info', 'administratie', 'facturen'],
  GB: ['accounts', 'info', 'finance', 'invoices'],
};

const TOP_LEVEL = new Weighted<string>([
  ['pl', 70],
  ['com.pl', 15],
  ['com', 10],
  ['eu', 5],
]);

const FOREIGN_TOP_LEVEL: Record<ForeignCountryCode, string> = {
  DE: 'de',
  AT: 'at',
  CZ: 'cz',
  SK: 'sk',
  LT: 'lt',
  NL: 'nl',
  GB: 'co.uk',
};

/** Lower-case ASCII: a name as a domain or a mailbox holds it (Łódź → lodz, Müller → muller). */
function asciiFold(text: string): string {
  return text
    .replace(/[łŁ]/g, 'l')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function domainOf(random: Random, name: CompanyName, topLevel: string): string {
  const words = name.domainWords.map(asciiFold).filter((word) => word.length > 0);
  const joined = words.join(random.chance(0.3) ? '-' : '').slice(0, 40) || 'firma';
  return `${joined}.${topLevel}`;
}

function personalMailbox(random: Random, person: Person): string {
  const first = asciiFold(person.first);
  const last = asciiFold(person.last);
  const style = random.float();
  if (style < 0.5) return `${first}.${last}`;
  if (style < 0.8) return `${first[0]}.${last}`;
  return `${first}${last}`;
}

/**
 * One or two addresses of a Polish customer: an office mailbox (biuro@, faktury@ …) or a
 * person's at the same domain; a sole trader's own name more often than not.
 */
export function polishEmails(random: Random, name: CompanyName, contact: Person): string[] {
  const domain = domainOf(random, name, TOP_LEVEL.pick(random));
  const count = random.chance(0.22) ? 2 : 1;
  const result: string[] = [];
  for (let attempt = 0; result.length < count && attempt < 6; attempt++) {
    const owner = name.owner;
    let box =
      owner && random.chance(0.5) ? personalMailbox(random, owner) : POLISH_MAILBOXES.pick(random);
    if (box === '') box = personalMailbox(random, owner ?? contact);
    const address = `${box}@${domain}`;
    if (!result.includes(address)) result.push(address);
  }
  return result;
}

export function foreignEmails(random: Random, name: CompanyName, country: ForeignCountryCode) {
  const domain = domainOf(random, name, FOREIGN_TOP_LEVEL[country]);
  const boxes = FOREIGN_MAILBOXES[country];
  const first = random.pick(boxes);
  const second = random.pick(boxes);
  return first !== second && random.chance(0.2)
    ? [`${first}@${domain}`, `${second}@${domain}`]
    : [`${first}@${domain}`];
}

/** The three-digit starts of Polish mobile numbers: 50x, 51x, 53x, 57x, 60x, 66x, 69x, 72x … */
const MOBILE_PREFIXES = [50, 51, 53, 57, 60, 66, 69, 72, 73, 78, 79, 88].flatMap((two) =>
  Array.from({ length: 10 }, (_, third) => `${two}${third}`),
);

type Notation = (digits: string) => string;

/** 601234567 written as ERP users type it. */
const MOBILE_NOTATIONS = new Weighted<Notation>([
  [(d) => `+48 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`, 30],
  [(d) => `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`, 25],
  [(d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`, 15],
  [(d) => d, 15],
  [(d) => `+48${d}`, 10],
  [(d) => `0048 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`, 5],
]);

/** 226543210 (area code 22) written as ERP users type it. */
const LANDLINE_NOTATIONS = new Weighted<Notation>([
  [(d) => `(${d.slice(0, 2)}) ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7)}`, 35],
  [(d) => `${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7)}`, 25],
  [(d) => `+48 ${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7)}`, 20],
  [(d) => `${d.slice(0, 2)}-${d.slice(2, 5)}-${d.slice(5, 7)}-${d.slice(7)}`, 10],
  [(d) => d, 10],
]);

function subscriber(random: Random, length: number, first = 0): string {
  let text = String(random.int(first, 9));
  for (let i = 1; i < length; i++) text += String(random.int(0, 9));
  return text;
}

function polishMobile(random: Random): string {
  return MOBILE_NOTATIONS.pick(random)(`${random.pick(MOBILE_PREFIXES)}${subscriber(random, 6)}`);
}

/** A landline in the city's area; subscriber numbers there start with 2 to 8. */
function polishLandline(random: Random, city: City): string {
  const digits = `${city.areaCode}${random.int(2, 8)}${subscriber(random, 6)}`;
  return LANDLINE_NOTATIONS.pick(random)(digits);
}

/** One or two numbers: a firm's landline or a mobile; sole traders mostly have a mobile only. */
export function polishPhones(random: Random, city: City, soleTrader: boolean): string[] {
  const mobileFirst = random.chance(soleTrader ? 0.85 : 0.55);
  const first = mobileFirst ? polishMobile(random) : polishLandline(random, city);
  if (!random.chance(0.2)) return [first];
  return [first, mobileFirst ? polishLandline(random, city) : polishMobile(random)];
}

/** A mobile number of the country in international notation. */
export function foreignPhone(random: Random, country: ForeignCountryCode): string {
  switch (country) {
    case 'DE': {
      // 15x numbers have eight more digits, 16x and 17x seven or eight.
      const prefix = random.pick(['151', '152', '157', '160', '162', '170', '171', '172', '176']);
      const length = prefix.startsWith('15') ? 8 : random.int(7, 8);
      return `+49 ${prefix} ${subscriber(random, length)}`;
    }
    case 'AT':
      return `+43 ${random.pick(['650', '660', '664', '676', '699'])} ${subscriber(random, 7)}`;
    case 'CZ':
      return `+420 ${random.pick(['602', '603', '605', '608', '721', '731', '739', '774', '777', '792'])} ${subscriber(random, 3)} ${subscriber(random, 3)}`;
    case 'SK':
      return `+421 ${random.pick(['902', '903', '905', '908', '910', '911', '915', '940', '944', '948', '950'])} ${subscriber(random, 3)} ${subscriber(random, 3)}`;
    case 'LT':
      return `+370 6${subscriber(random, 2)} ${subscriber(random, 5)}`;
    case 'NL':
      return `+31 6 ${random.int(1, 5)}${subscriber(random, 3)} ${subscriber(random, 4)}`;
    case 'GB':
      return `+44 ${random.pick(['7711', '7723', '7745', '7780', '7812', '7904', '7939'])} ${subscriber(random, 6)}`;
  }
}
