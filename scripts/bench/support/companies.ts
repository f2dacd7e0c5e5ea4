import { randomNip } from './nip.ts';
import type { Random } from './random.ts';

export interface Company {
  /** The customer's code in the creditor's ERP. */
  code: string;
  taxId: string;
  name: string;
  city: string;
}

const SURNAMES = words(
  'Nowak|Kowalski|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|Zieliński|Szymański|Woźniak|' +
    'Dąbrowski|Kozłowski|Jankowski|Mazur|Krawczyk|Piotrowski|Grabowski|Pawłowski|Michalski|Król',
);
const TRADES = words(
  'Usługi Remontowe|Transport Drogowy|Hurtownia Spożywcza|Biuro Rachunkowe|Zakład Stolarski|' +
    'Serwis Komputerowy|Przedsiębiorstwo Handlowe|Drukarnia|Piekarnia|Instalacje Elektryczne|' +
    'Projektowanie Wnętrz|Agencja Reklamowa',
);
const BRANDS = words('Marex|Polbud|Transpol|Ekoplast|Mazowsze|Bałtyk|Tatry|Wisła');
const FORMS = words('Sp. z o.o.|Sp. z o.o.|Sp. z o.o. Sp.k.|S.A.|Sp.j.');
const CITIES = words(
  'Warszawa|Kraków|Łódź|Wrocław|Poznań|Gdańsk|Szczecin|Bydgoszcz|Lublin|Białystok|Katowice|' +
    'Gdynia|Częstochowa|Radom|Rzeszów|Toruń',
);
const FIRST_NAMES = words('Jan|Anna|Piotr|Katarzyna|Tomasz|Małgorzata|Paweł|Ewa');

function words(list: string): string[] {
  return list.split('|');
}

/** Sole traders carry their owner's name; companies a brand, often in quotes, and a legal form. */
function companyName(random: Random): string {
  const trade = random.pick(TRADES);
  if (random.next() < 0.4) return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)} ${trade}`;
  const brand = random.next() < 0.5 ? `"${random.pick(BRANDS)}"` : random.pick(SURNAMES);
  return `${trade} ${brand} ${random.pick(FORMS)}`;
}

export function randomCompanies(random: Random, count: number): Company[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `K${String(i + 1).padStart(6, '0')}`,
    taxId: randomNip(random),
    name: companyName(random),
    city: random.pick(CITIES),
  }));
}
