import { Weighted, type Random } from './prng.ts';

/**
 * Polish company and people names, composed from word lists the way Polish firms are actually
 * named: a trade and a coined brand in quotes, an owner's surname and a trade, partners' surnames,
 * a region; then a legal form written in one of the ways ERPs hold it. Lists written here rather
 * than taken from a fake-data package: composing strings from a few arrays is fast at any size,
 * and these combine into millions of distinct names.
 */

export interface Person {
  first: string;
  last: string;
}

export interface CompanyName {
  name: string;
  /** The words a company's web domain would be made of ("budmex", "kowalski transport"). */
  domainWords: string[];
  /** The owner, for a sole trader or a private person: their e-mail is often their own name. */
  owner?: Person;
}

const split = (list: string): string[] => list.split('|');

const MALE_NAMES = split(
  'Jan|Piotr|Krzysztof|Andrzej|Tomasz|Paweł|Marcin|Michał|Marek|Grzegorz|Józef|Łukasz|Adam|' +
    'Zbigniew|Jerzy|Tadeusz|Mateusz|Dariusz|Mariusz|Wojciech|Ryszard|Jakub|Henryk|Robert|' +
    'Kazimierz|Jacek|Stanisław|Rafał|Sławomir|Artur|Bartosz|Kamil|Przemysław|Waldemar|Leszek|' +
    'Janusz|Roman|Sebastian|Damian|Zdzisław|Bogdan|Czesław|Edward|Witold|Arkadiusz',
);
const FEMALE_NAMES = split(
  'Anna|Maria|Katarzyna|Małgorzata|Agnieszka|Barbara|Ewa|Krystyna|Magdalena|Elżbieta|Joanna|' +
    'Aleksandra|Monika|Zofia|Teresa|Danuta|Natalia|Karolina|Marta|Beata|Dorota|Halina|Jadwiga|' +
    'Jolanta|Iwona|Grażyna|Bożena|Urszula|Renata|Justyna|Agata|Paulina|Sylwia|Edyta|Izabela|' +
    'Wiesława|Stanisława|Lucyna|Hanna|Weronika',
);
/** Adjectival surnames have a feminine form (Kowalski, Kowalska); the list holds the masculine. */
const SURNAMES = split(
  'Nowak|Kowalski|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|Zieliński|Szymański|Woźniak|' +
    'Dąbrowski|Kozłowski|Jankowski|Mazur|Kwiatkowski|Krawczyk|Kaczmarek|Piotrowski|Grabowski|' +
    'Zając|Pawłowski|Michalski|Król|Nowakowski|Wieczorek|Wróbel|Jabłoński|Wróblewski|Majewski|' +
    'Olszewski|Stępień|Jaworski|Malinowski|Adamczyk|Dudek|Nowicki|Pawlak|Górski|Witkowski|' +
    'Walczak|Sikora|Baran|Rutkowski|Michalak|Szewczyk|Ostrowski|Tomaszewski|Pietrzak|Zalewski|' +
    'Wasilewski|Jasiński|Marciniak|Sadowski|Zawadzki|Jakubowski|Bąk|Duda|Włodarczyk|Wilk|' +
    'Chmielewski|Borkowski|Sokołowski|Szczepański|Sawicki|Lis|Kucharski|Kalinowski|Wysocki|' +
    'Mazurek|Kubiak|Maciejewski|Czarnecki|Kołodziej|Kaźmierczak|Urbański|Sobczak|Konieczny|' +
    'Głowacki|Zakrzewski|Krupa|Kowal|Wawrzyniak|Sikorski|Przybylski|Laskowski|Ziółkowski|' +
    'Gajewski|Szulc|Makowski|Baranowski|Kaczmarczyk|Cieślak|Szymczak|Brzeziński|Kozak|Leśniak|' +
    'Czerwiński|Andrzejewski|Krajewski|Kurek|Sowa|Grzelak|Urban|Bielecki|Milczarek|Dziedzic|' +
    'Ptak|Nowacki|Rogalski|Kubacki|Górecki|Majchrzak|Kozieł|Żak|Banaś|Kasprzak|Mróz|Kaczor|' +
    'Szczepaniak|Gołębiowski|Jurek|Czyż|Matuszewski|Skowroński|Socha|Dziedzicki|Kaczyński|' +
    'Bednarek|Pająk|Pietrzyk|Kowalewski|Michalik|Stachowiak|Fijałkowski|Żukowski|Wojciechowski',
);

const BRAND_ROOTS = split(
  'Bud|Pol|Tech|Agro|Drew|Elek|Met|Trans|Inter|Euro|Eko|Stal|Mar|Kom|Med|Gaz|Term|Auto|Inwest|' +
    'Pro|Dom|Hydro|Sys|Net|Infra|Tex|Chem|Farm|Mleko|Kab|Plast|Okno|Dach|Bet|Kor|Lux|Art|Graf|' +
    'Flex|Rol|Las|Wod|Mal|Mot|Log|Spec|Prim|Nova|Omega|Alfa|Delta|Max|Ster|Inst|Kam|Szkło|Wiert|' +
    'Gal|Ren|Jan|Ad|Dar|Kris|Zbig|Step|Tom|Wik|Mir|Bogu|Kar|Ol|Gra|Sil|Ener|Sol|Ter|Wit|Kon',
);
const BRAND_ENDINGS = split(
  'pol|mex|bud|ex|tech|met|plast|trans|sped|stal|ar|ix|on|is|eks|art|kom|med|lux|system|' +
    'serwis|team|land|mar|gaz|rol|tex|wood|stan|bet|dom|pak|mix|tor|ma|ko|dex|tron|lit|gum|' +
    'mot|bis|max|pex|tar|ros|las|net|pro|vit|sol|ex-pol|trade|invest|ol|an|ik|us|ada|ona|bex|' +
    'kon|lan|gal|rex|mir|wit|ter|san|bor|gor|dal|tom',
);

/** What the company does, as it appears in Polish company names. */
const TRADES = split(
  'Usługi Remontowe|Usługi Budowlane|Usługi Transportowe|Transport Ciężarowy|' +
    'Transport i Spedycja|Spedycja Międzynarodowa|Handel Hurtowy|Hurtownia Spożywcza|' +
    'Hurtownia Budowlana|Hurtownia Elektryczna|Hurtownia Farmaceutyczna|Hurtownia Owoców i Warzyw|' +
    'Przedsiębiorstwo Handlowe|Przedsiębiorstwo Handlowo-Usługowe|Przedsiębiorstwo Budowlane|' +
    'Przedsiębiorstwo Produkcyjno-Handlowe|Zakład Stolarski|Zakład Ślusarski|' +
    'Zakład Mechaniki Pojazdowej|Zakład Produkcji Opakowań|Zakład Usług Leśnych|Budownictwo|' +
    'Budownictwo Ogólne|Instalacje Sanitarne|Instalacje Elektryczne|Biuro Rachunkowe|' +
    'Doradztwo Podatkowe|Serwis Komputerowy|Systemy Informatyczne|Usługi Informatyczne|' +
    'Agencja Reklamowa|Drukarnia|Piekarnia|Cukiernia|Masarnia|Ubojnia Drobiu|' +
    'Gospodarstwo Ogrodnicze|Szkółka Roślin|Tartak|Meble|Stolarka Okienna|Okna i Drzwi|' +
    'Konstrukcje Stalowe|Obróbka Metali|Hydraulika|Mechanika Pojazdowa|Auto Serwis|' +
    'Części Samochodowe|Stacja Paliw|Skup Złomu|Recykling|Gastronomia|Catering|' +
    'Usługi Porządkowe|Utrzymanie Czystości|Ochrona Mienia|Usługi Geodezyjne|' +
    'Projektowanie Wnętrz|Pracownia Architektoniczna|Materiały Budowlane|Chemia Budowlana|' +
    'Tworzywa Sztuczne|Opakowania|Logistyka|Magazynowanie|Sprzęt Medyczny|Usługi Dźwigowe|' +
    'Roboty Ziemne|Brukarstwo|Dekarstwo|Kamieniarstwo|Szklarstwo|Tapicerstwo|Odzież Robocza|' +
    'Artykuły Biurowe|Maszyny Rolnicze|Usługi Rolnicze|Energia Odnawialna|Fotowoltaika|' +
    'Pompy Ciepła|Klimatyzacja i Wentylacja|Elektronika|Automatyka Przemysłowa|Spawalnictwo|' +
    'Handel Paliwami|Kosmetyki|Pasze i Nawozy|Przetwórstwo Mięsa|Mleczarnia|Wylęgarnia Drobiu|' +
    'Usługi Medyczne|Gabinet Stomatologiczny|Szkoła Językowa|Biuro Podróży|Hotel i Restauracja',
);
const REGIONS = split(
  'Mazowsze|Wielkopolska|Śląsk|Pomorze|Podkarpacie|Małopolska|Kujawy|Warmia|Podlasie|Mazury|' +
    'Kaszuby|Bałtyk|Karpaty|Tatry|Sudety|Beskidy|Roztocze|Wisła|Odra|Warta|Bug|Narew|Polesie',
);
/** Words a brand is often followed by: Budmex Polska, Techpol Serwis. */
const BRAND_TAILS = split(
  '| Polska| Group| Serwis| Centrum| System| Plus| Trade| Invest| Development| Consulting|' +
    ' Logistics| Service| Technologies| Solutions| Partners| Projekt',
);
const COOPERATIVES = split(
  'Spółdzielnia Mleczarska|Spółdzielnia Pracy|Spółdzielnia Mieszkaniowa|Spółdzielnia Ogrodnicza|' +
    'Rolnicza Spółdzielnia Produkcyjna|Spółdzielnia Socjalna|Gminna Spółdzielnia|' +
    'Spółdzielnia Inwalidów|Powszechna Spółdzielnia Spożywców|Spółdzielnia Rzemieślnicza',
);
const FOUNDATION_AIMS = split(
  'Rozwoju|Pomocy|Wspierania|Edukacji|Kultury|Ochrony Zdrowia|Sportu|Ekologiczna|' +
    'Rozwoju Przedsiębiorczości|Pomocy Dzieciom|Ochrony Zwierząt|Społeczna',
);
const OFFICES = split(
  'Kancelaria Prawna|Kancelaria Radców Prawnych|Kancelaria Adwokacka|Biuro Rachunkowe|' +
    'Kancelaria Doradców Podatkowych|Kancelaria Notarialna',
);
/** The initials sole traders put before their brand: PHU, PPHU, FHU … */
const TRADE_INITIALS = split('PHU|PPHU|FHU|PHUP|ZPHU|PW|FH|PPH|P.H.U.|F.H.U.|Firma Handlowa');

type Form =
  'spzoo' | 'sa' | 'spj' | 'spk' | 'spzoospk' | 'sc' | 'sole' | 'cooperative' | 'foundation';

const FORMS = new Weighted<Form>([
  ['spzoo', 42],
  ['sole', 30],
  ['spj', 7],
  ['sc', 6],
  ['spk', 4],
  ['spzoospk', 4],
  ['sa', 4],
  ['cooperative', 2],
  ['foundation', 1],
]);

/** Each legal form as ERPs hold it: abbreviated, capitalised or spelled out by whoever typed it. */
const FORM_SPELLINGS: Record<string, Weighted<string>> = {
  spzoo: spellings(
    'sp. z o.o.:60|Sp. z o.o.:25|Spółka z o.o.:6|SP. Z O.O.:3|' +
      'spółka z ograniczoną odpowiedzialnością:6',
  ),
  sa: spellings('S.A.:75|Spółka Akcyjna:15|SA:10'),
  spj: spellings('sp.j.:45|sp. j.:20|Sp.j.:15|Spółka Jawna:15|spółka jawna:5'),
  spk: spellings('sp.k.:45|sp. k.:20|Sp.k.:15|Spółka Komandytowa:15|spółka komandytowa:5'),
  spzoospk: spellings('sp. z o.o. sp.k.:60|Sp. z o.o. Sp.k.:25|sp. z o.o. sp. k.:15'),
};

function spellings(list: string): Weighted<string> {
  return new Weighted(
    split(list).map((entry) => {
      const at = entry.lastIndexOf(':');
      return [entry.slice(0, at), Number(entry.slice(at + 1))] as const;
    }),
  );
}

export function person(random: Random): Person {
  const female = random.chance(0.45);
  const first = random.pick(female ? FEMALE_NAMES : MALE_NAMES);
  const last = random.pick(SURNAMES);
  return { first, last: female ? feminine(last) : last };
}

/** Kowalski → Kowalska, Zawadzki → Zawadzka; Nowak stays Nowak. */
function feminine(surname: string): string {
  return /(sk|ck|dzk)i$/.test(surname) ? `${surname.slice(0, -1)}a` : surname;
}

/**
 * A coined brand: a root and an ending (Budmex, Techpol) or two roots (Ekobud, Transmar); now
 * and then in capitals or with a hyphen (BUDMEX, Eko-Bud).
 */
function brand(random: Random): string {
  const root = random.pick(BRAND_ROOTS);
  const ending = random.chance(0.6)
    ? random.pick(BRAND_ENDINGS)
    : random.pick(BRAND_ROOTS).toLowerCase();
  const style = random.float();
  if (style < 0.12) return `${root}${ending}`.toUpperCase();
  if (style < 0.2) return `${root}-${ending[0]?.toUpperCase()}${ending.slice(1)}`;
  return `${root}${ending}`;
}

/** A brand in quotes, the way Polish registers write it: PHU "Budmex". */
function quoted(name: string): string {
  return `"${name}"`;
}

/**
 * A company name. `city` is appended to a share of the names, as firms do to tell branches or
 * namesakes apart; a numeral to a few more, so that 100,000 names seldom repeat.
 */
export function companyName(random: Random, city: string): CompanyName {
  const form = FORMS.pick(random);
  if (form === 'sole') return soleTrader(random);
  if (form === 'sc') return civilPartnership(random);
  if (form === 'cooperative') {
    const kind = random.pick(COOPERATIVES);
    const called = random.chance(0.5) ? random.pick(REGIONS) : brand(random);
    const where = random.chance(0.6) ? ` ${city}` : '';
    return { name: `${kind} "${called}"${where}`, domainWords: [called, 'spoldzielnia'] };
  }
  if (form === 'foundation') {
    const called = brand(random);
    const purpose = random.chance(0.7) ? ` ${random.pick(FOUNDATION_AIMS)}` : '';
    const where = random.chance(0.4) ? ` ${city}` : '';
    return { name: `Fundacja${purpose} "${called}"${where}`, domainWords: ['fundacja', called] };
  }
  const spelling = (FORM_SPELLINGS[form] as Weighted<string>).pick(random);
  const core = companyCore(random, form);
  const suffix = random.chance(0.08)
    ? ` ${city}`
    : random.chance(0.03)
      ? ` ${numeral(random)}`
      : '';
  return { name: `${core.name}${suffix} ${spelling}`, domainWords: core.domainWords };
}

function companyCore(random: Random, form: Form): CompanyName {
  const pattern = random.float();
  if (form === 'spj' || form === 'spk') return partnership(random, form, pattern);
  if (form === 'sa' && pattern < 0.5) {
    const name = brand(random);
    const lead = random.pick(split('Grupa|Zakłady|Przedsiębiorstwo|Fabryka|Holding'));
    return { name: random.chance(0.5) ? `${lead} ${name}` : `${name} Polska`, domainWords: [name] };
  }
  if (pattern < 0.36) {
    const name = brand(random);
    return { name: `${random.pick(TRADES)} ${quoted(name)}`, domainWords: [name] };
  }
  if (pattern < 0.66) {
    const name = brand(random);
    return { name: `${name} ${random.pick(TRADES)}`, domainWords: [name] };
  }
  if (pattern < 0.78) {
    const surname = random.pick(SURNAMES);
    const trade = random.pick(TRADES);
    const name = random.chance(0.7) ? `${surname} ${trade}` : `${trade} ${surname}`;
    return { name, domainWords: [surname, ...domainTrade(trade)] };
  }
  if (pattern < 0.84) {
    const region = random.pick(REGIONS);
    const name = brand(random);
    return { name: `${name} ${region}`, domainWords: [name, region] };
  }
  const name = brand(random);
  return { name: `${name}${random.pick(BRAND_TAILS)}`, domainWords: [name] };
}

/** Partnerships are named after partners: a partner's surname must appear in the name. */
function partnership(random: Random, form: Form, pattern: number): CompanyName {
  const first = random.pick(SURNAMES);
  if (form === 'spk' && pattern < 0.3) {
    const office = random.pick(OFFICES);
    const partner = random.chance(0.5) ? `${random.pick(MALE_NAMES)} ${first}` : first;
    return { name: `${office} ${partner} i Wspólnicy`, domainWords: [first, 'kancelaria'] };
  }
  const second = random.pick(SURNAMES);
  if (pattern < 0.55) {
    return { name: `${random.pick(TRADES)} ${first} i ${second}`, domainWords: [first, second] };
  }
  if (pattern < 0.75) return { name: `${first} i ${second}`, domainWords: [first, second] };
  if (pattern < 0.85) {
    const name = brand(random);
    return { name: `${quoted(name)} ${first}, ${second}`, domainWords: [name] };
  }
  const trade = random.pick(TRADES);
  return { name: `${first} ${trade}`, domainWords: [first, ...domainTrade(trade)] };
}

/** The trade's first word when it is short enough for a domain (Transport, Hurtownia), or none. */
function domainTrade(trade: string): string[] {
  const word = trade.split(' ')[0] as string;
  return word.length <= 10 && !word.includes('-') ? [word] : [];
}

/** Jan Kowalski Usługi Remontowe; Zakład Stolarski Anna Nowak; PHU "Marex" Piotr Wójcik. */
function soleTrader(random: Random): CompanyName {
  const owner = person(random);
  const full = `${owner.first} ${owner.last}`;
  const pattern = random.float();
  if (pattern < 0.35) {
    return { name: `${full} ${random.pick(TRADES)}`, domainWords: [owner.last], owner };
  }
  if (pattern < 0.6) {
    return { name: `${random.pick(TRADES)} ${full}`, domainWords: [owner.last], owner };
  }
  const name = brand(random);
  const lead = random.pick(TRADE_INITIALS);
  if (pattern < 0.85)
    return { name: `${lead} ${quoted(name)} ${full}`, domainWords: [name], owner };
  return { name: `${lead} ${name} ${full}`, domainWords: [name], owner };
}

/** A civil partnership carries its partners in the name: "Marex" s.c. Jan Nowak, Anna Nowak. */
function civilPartnership(random: Random): CompanyName {
  const name = brand(random);
  const one = person(random);
  const other = random.chance(0.4) ? { ...person(random), last: one.last } : person(random);
  const lead = random.chance(0.5) ? `${random.pick(TRADE_INITIALS)} ` : '';
  return {
    name: `${lead}${quoted(name)} s.c. ${one.first} ${one.last}, ${other.first} ${other.last}`,
    domainWords: [name],
  };
}

function numeral(random: Random): string {
  return random.pick(split('II|2|III|Plus|24|Centrum|Bis'));
}

/** A private person, who buys without a tax id: just a first name and a surname. */
export function privatePersonName(random: Random): CompanyName {
  const owner = person(random);
  return { name: `${owner.first} ${owner.last}`, domainWords: [owner.last], owner };
}
