import type { Address } from './addresses.ts';
import type { Currency } from './amounts.ts';
import type { CompanyName } from './polishNames.ts';
import { Weighted, type Random } from './prng.ts';

/**
 * The foreign customers a Polish firm typically has: neighbours and EU trading partners. Each
 * country names companies, writes addresses and postal codes its own way. Names avoid letters
 * that the Central European code page of a Polish ERP's export cannot hold (Lithuanian ė, ū),
 * as such names are usually typed without them there.
 */

export type ForeignCountryCode = 'DE' | 'CZ' | 'SK' | 'LT' | 'NL' | 'AT' | 'GB';

export interface ForeignCity {
  name: string;
  postalCode: (random: Random) => string;
}

export interface ForeignCountry {
  code: ForeignCountryCode;
  /** The currencies its invoices are in: mostly euro, some in dollars or zloty. */
  currencies: Weighted<Currency>;
  surnames: readonly string[];
  brands: readonly string[];
  trades: readonly string[];
  forms: Weighted<string>;
  /** Lithuanian forms come first: UAB "Nemunas". */
  formFirst: boolean;
  /** How two partners are joined: Müller & Weber, Novák a Svoboda. */
  and: string;
  cities: readonly ForeignCity[];
  streets: readonly string[];
  /** British addresses put the number first: 12 High Street. */
  numberFirst: boolean;
}

const split = (list: string): string[] => list.split('|');

function forms(list: string): Weighted<string> {
  return new Weighted(
    split(list).map((entry) => {
      const at = entry.lastIndexOf(':');
      return [entry.slice(0, at), Number(entry.slice(at + 1))] as const;
    }),
  );
}

function currencies(eur: number, usd: number, pln: number): Weighted<Currency> {
  return new Weighted<Currency>([
    ['EUR', eur],
    ['USD', usd],
    ['PLN', pln],
  ]);
}

/** A postal code drawn from a numeric range and written by `write`. */
function ranged(from: number, to: number, write: (n: number) => string) {
  return (random: Random) => write(random.int(from, to));
}

const digits = (width: number) => (n: number) => String(n).padStart(width, '0');
const spacedFive = (n: number) => {
  const text = String(n).padStart(5, '0');
  return `${text.slice(0, 3)} ${text.slice(3)}`;
};
const city = (name: string, postalCode: (random: Random) => string): ForeignCity => ({
  name,
  postalCode,
});

/** Dutch postcodes: four digits and two letters, never SA, SD or SS. */
function dutchPostcode(from: number, to: number) {
  const letters = [...'ABCDEGHJKLMNPRTVWXZ'];
  return (random: Random) =>
    `${random.int(from, to)} ${random.pick(letters)}${random.pick(letters)}`;
}

/** British postcodes: an outward code of the city and an inward code, "EC1A 1BB"-like. */
function britishPostcode(outward: string) {
  const letters = [...'ABDEFGHJLNPQRSTUWXYZ'];
  const districts = split(outward);
  return (random: Random) =>
    `${random.pick(districts)} ${random.int(1, 9)}${random.pick(letters)}${random.pick(letters)}`;
}

const GERMAN_SURNAMES = split(
  'Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Hoffmann|Schulz|Koch|Richter|' +
    'Klein|Wolf|Neumann|Schwarz|Braun|Zimmermann|Hartmann|Krüger|Lange|Schmitt|Werner|Krause|Lehmann',
);
const GERMAN_TRADES = split(
  'Logistik|Bau|Handel|Maschinenbau|Elektrotechnik|Metallbau|Holzhandel|Spedition|Automotive|' +
    'Industrietechnik|Verpackung|Kunststofftechnik|Haustechnik|Stahlhandel',
);
const GERMAN_STREETS = split(
  'Hauptstraße|Bahnhofstraße|Industriestraße|Gewerbestraße|Schillerstraße|Goethestraße|' +
    'Lindenstraße|Gartenstraße|Am Markt|Berliner Straße|Hafenstraße|Mühlenweg|Ringstraße',
);

const COUNTRIES: readonly (readonly [ForeignCountry, number])[] = [
  [
    {
      code: 'DE',
      currencies: currencies(85, 5, 10),
      surnames: GERMAN_SURNAMES,
      brands: split(
        'Nordic|Rhein|Elbe|Spree|Oder|Baltic|Euro|Inter|Techno|Sachsen|Bavaria|Lausitz',
      ),
      trades: GERMAN_TRADES,
      forms: forms('GmbH:60|GmbH & Co. KG:20|AG:7|KG:8|e.K.:5'),
      formFirst: false,
      and: '&',
      cities: [
        city('Berlin', ranged(10115, 14199, digits(5))),
        city('Hamburg', ranged(20095, 22769, digits(5))),
        city('München', ranged(80331, 81929, digits(5))),
        city('Köln', ranged(50667, 51149, digits(5))),
        city('Frankfurt am Main', ranged(60306, 60599, digits(5))),
        city('Leipzig', ranged(4103, 4357, digits(5))),
        city('Dresden', ranged(1067, 1328, digits(5))),
        city('Hannover', ranged(30159, 30669, digits(5))),
        city('Stuttgart', ranged(70173, 70619, digits(5))),
        city('Görlitz', ranged(2826, 2829, digits(5))),
        city('Frankfurt (Oder)', ranged(15230, 15236, digits(5))),
        city('Cottbus', ranged(3042, 3055, digits(5))),
      ],
      streets: GERMAN_STREETS,
      numberFirst: false,
    },
    35,
  ],
  [
    {
      code: 'CZ',
      currencies: currencies(75, 10, 15),
      surnames: split(
        'Novák|Svoboda|Novotný|Dvořák|Černý|Procházka|Kučera|Veselý|Horák|Němec|Pokorný|' +
          'Marek|Pospíšil|Hájek|Jelínek|Král',
      ),
      brands: split('Morava|Vltava|Bohemia|Moravia|Beskyd|Slezsko|Labe|Krkonoše|Šumava'),
      trades: split('Stavby|Logistika|Strojírna|Obchod|Doprava|Elektro|Technik|Kovo|Dřevo|Plasty'),
      forms: forms('s.r.o.:75|a.s.:10|spol. s r.o.:10|v.o.s.:5'),
      formFirst: false,
      and: 'a',
      cities: [
        city('Praha', (random) => `${random.int(110, 199)} 00`),
        city('Brno', (random) => `${random.int(602, 639)} 00`),
        city('Ostrava', ranged(70030, 72529, spacedFive)),
        city('Plzeň', (random) => `${random.int(301, 326)} 00`),
        city('Liberec', ranged(46001, 46015, spacedFive)),
        city('Olomouc', ranged(77900, 77900, spacedFive)),
        city('Hradec Králové', ranged(50002, 50012, spacedFive)),
        city('Karviná', ranged(73301, 73301, spacedFive)),
        city('Český Těšín', ranged(73701, 73701, spacedFive)),
      ],
      streets: split(
        'Masarykova|Nádražní|Palackého|Husova|Průmyslová|Školní|Komenského|Jiráskova|Smetanova|Tyršova',
      ),
      numberFirst: false,
    },
    15,
  ],
  [
    {
      code: 'SK',
      currencies: currencies(85, 5, 10),
      surnames: split('Horváth|Kováč|Varga|Tóth|Nagy|Baláž|Szabó|Molnár|Lukáč|Hudák|Kollár'),
      brands: split('Tatra|Váh|Hron|Danubia|Slovakia|Karpaty|Orava|Spiš'),
      trades: split('Stavby|Logistik|Obchod|Doprava|Strojárne|Elektro|Kovo|Drevo'),
      forms: forms('s.r.o.:80|a.s.:10|spol. s r.o.:10'),
      formFirst: false,
      and: 'a',
      cities: [
        city('Bratislava', ranged(81101, 85110, spacedFive)),
        city('Košice', ranged(4001, 4023, spacedFive)),
        city('Žilina', ranged(1001, 1015, spacedFive)),
        city('Prešov', ranged(8001, 8006, spacedFive)),
        city('Trenčín', ranged(91101, 91101, spacedFive)),
        city('Poprad', ranged(5801, 5801, spacedFive)),
      ],
      streets: split('Hlavná|Štúrova|Hviezdoslavova|Priemyselná|Námestie SNP|Mlynská|Poštová'),
      numberFirst: false,
    },
    10,
  ],
  [
    {
      code: 'LT',
      currencies: currencies(85, 5, 10),
      surnames: split(
        'Kazlauskas|Petrauskas|Jankauskas|Stankevicius|Vasiliauskas|Butkus|Zukauskas|Paulauskas|' +
          'Urbonas|Kavaliauskas|Balciunas|Navickas|Ramanauskas|Sakalauskas',
      ),
      brands: split(
        'Nemunas|Baltic Trade|Transekspres|Medis|Vilniaus Prekyba|Kauno Logistika|Gintaras|' +
          'Neris|Dainava|Balticum|Baltijos Krovinys',
      ),
      trades: split('Logistika|Prekyba|Statyba|Transportas|Technika'),
      forms: forms('UAB:80|AB:10|MB:10'),
      formFirst: true,
      and: 'ir',
      cities: [
        city(
          'Vilnius',
          ranged(1001, 14999, (n) => `LT-${digits(5)(n)}`),
        ),
        city(
          'Kaunas',
          ranged(44001, 52999, (n) => `LT-${n}`),
        ),
        city(
          'Klaipeda',
          ranged(91001, 96999, (n) => `LT-${n}`),
        ),
        city(
          'Siauliai',
          ranged(76001, 78999, (n) => `LT-${n}`),
        ),
        city(
          'Panevezys',
          ranged(35001, 37999, (n) => `LT-${n}`),
        ),
        city(
          'Alytus',
          ranged(62001, 63999, (n) => `LT-${n}`),
        ),
      ],
      streets: split('Gedimino pr.|Laisves al.|Savanoriu pr.|Pramones g.|Taikos pr.|Ukmerges g.'),
      numberFirst: false,
    },
    10,
  ],
  [
    {
      code: 'NL',
      currencies: currencies(85, 5, 10),
      surnames: split(
        'Van Dijk|De Vries|Jansen|Bakker|Visser|Smit|Mulder|De Boer|Van den Berg|Meijer|De Jong|Bos',
      ),
      brands: split('Holland|Oranje|Delta|Noord|Maas|Rijn|Polder|Zeeland'),
      trades: split('Logistics|Trading|Transport|Techniek|Handel|Bouw|Installatietechniek'),
      forms: forms('B.V.:90|N.V.:10'),
      formFirst: false,
      and: '&',
      cities: [
        city('Amsterdam', dutchPostcode(1011, 1109)),
        city('Rotterdam', dutchPostcode(3011, 3089)),
        city('Utrecht', dutchPostcode(3511, 3585)),
        city('Eindhoven', dutchPostcode(5611, 5658)),
        city('Venlo', dutchPostcode(5911, 5928)),
        city('Tilburg', dutchPostcode(5011, 5049)),
      ],
      streets: split('Kerkstraat|Dorpsstraat|Industrieweg|Stationsweg|Havenweg|Marktplein'),
      numberFirst: false,
    },
    10,
  ],
  [
    {
      code: 'AT',
      currencies: currencies(85, 5, 10),
      surnames: GERMAN_SURNAMES,
      brands: split('Alpen|Donau|Tirol|Steiermark|Wiener|Kärntner|Salzach'),
      trades: GERMAN_TRADES,
      forms: forms('GmbH:70|AG:10|KG:10|OG:10'),
      formFirst: false,
      and: '&',
      cities: [
        city('Wien', (random) => String(1000 + random.int(1, 23) * 10)),
        city('Graz', ranged(8010, 8055, String)),
        city('Linz', ranged(4020, 4040, String)),
        city('Salzburg', ranged(5020, 5071, String)),
        city('Innsbruck', ranged(6020, 6080, String)),
      ],
      streets: GERMAN_STREETS,
      numberFirst: false,
    },
    10,
  ],
  [
    {
      code: 'GB',
      currencies: currencies(45, 45, 10),
      surnames: split(
        'Smith|Jones|Taylor|Brown|Williams|Wilson|Johnson|Davies|Evans|Thomas|Roberts|Walker',
      ),
      brands: split('Albion|Northern|Thames|Pennine|Midland|Atlantic|Crown|Severn'),
      trades: split(
        'Logistics|Trading|Engineering|Supplies|Construction|Packaging|Components|Distribution',
      ),
      forms: forms('Ltd:85|Limited:10|PLC:5'),
      formFirst: false,
      and: '&',
      cities: [
        city('London', britishPostcode('EC1|EC2|SE1|SW1|E1|E14|N1|W1|NW1')),
        city('Manchester', britishPostcode('M1|M2|M3|M4|M15')),
        city('Birmingham', britishPostcode('B1|B2|B3|B4|B5')),
        city('Leeds', britishPostcode('LS1|LS2|LS11')),
        city('Bristol', britishPostcode('BS1|BS2')),
      ],
      streets: split('High Street|Station Road|Church Lane|Mill Lane|Victoria Road|Park Road'),
      numberFirst: true,
    },
    10,
  ],
];

const WEIGHTED_COUNTRIES = new Weighted(COUNTRIES);

export function pickForeignCountry(random: Random): ForeignCountry {
  return WEIGHTED_COUNTRIES.pick(random);
}

/**
 * A company name in the country's manner. A city is added to a share of the names, as firms
 * there do too (Spedition Müller Dresden), since each country's word lists here are short.
 */
export function foreignCompanyName(
  random: Random,
  country: ForeignCountry,
  cityName: string,
): CompanyName {
  const form = country.forms.pick(random);
  const pattern = random.float();
  let core: string;
  let words: string[];
  if (pattern < 0.4) {
    const surname = random.pick(country.surnames);
    const trade = random.pick(country.trades);
    [core, words] = [
      random.chance(0.7) ? `${surname} ${trade}` : `${trade} ${surname}`,
      [surname, trade],
    ];
  } else if (pattern < 0.6) {
    const one = random.pick(country.surnames);
    const other = random.pick(country.surnames.filter((surname) => surname !== one));
    [core, words] = [`${one} ${country.and} ${other}`, [one, other]];
  } else {
    const brand = random.pick(country.brands);
    const trade = random.pick(country.trades);
    [core, words] = [`${brand} ${trade}`, [brand, trade]];
  }
  if (random.chance(0.6)) core += ` ${cityName}`;
  return { name: country.formFirst ? `${form} ${core}` : `${core} ${form}`, domainWords: words };
}

export function pickForeignCity(random: Random, country: ForeignCountry): ForeignCity {
  return random.pick(country.cities);
}

export function foreignAddress(random: Random, country: ForeignCountry, place: ForeignCity) {
  const street = random.pick(country.streets);
  const number = String(random.int(1, 120));
  const address: Address = {
    street: country.numberFirst ? `${number} ${street}` : `${street} ${number}`,
    postalCode: place.postalCode(random),
    city: place.name,
  };
  return address;
}
