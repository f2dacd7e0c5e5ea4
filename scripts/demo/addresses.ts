import { Weighted, type Random } from './prng.ts';

/**
 * Polish addresses: real cities, weighted roughly by how many firms are registered there, each
 * with its own postal code range and telephone area code, so that a code, a city and a landline
 * agree the way they do on a real invoice; streets named the way Polish streets are.
 */

export interface City {
  name: string;
  /** Postal codes as numbers: 30001 is 30-001. */
  postal: readonly [number, number];
  /** The two-digit trunk code of its landlines. */
  areaCode: string;
}

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

/** name, weight, first postal code, last postal code, area code */
const CITY_TABLE: readonly (readonly [string, number, number, number, string])[] = [
  ['Warszawa', 140, 1, 4999, '22'],
  ['Kraków', 50, 30001, 31999, '12'],
  ['Wrocław', 45, 50001, 54999, '71'],
  ['Łódź', 38, 90001, 94999, '42'],
  ['Poznań', 40, 60001, 61999, '61'],
  ['Gdańsk', 30, 80001, 80999, '58'],
  ['Szczecin', 22, 70001, 71999, '91'],
  ['Bydgoszcz', 18, 85001, 85999, '52'],
  ['Lublin', 18, 20001, 20999, '81'],
  ['Katowice', 22, 40001, 40999, '32'],
  ['Białystok', 14, 15001, 15999, '85'],
  ['Gdynia', 14, 81001, 81599, '58'],
  ['Częstochowa', 10, 42200, 42229, '34'],
  ['Radom', 9, 26600, 26617, '48'],
  ['Toruń', 10, 87100, 87162, '56'],
  ['Sosnowiec', 8, 41200, 41219, '32'],
  ['Kielce', 10, 25001, 25999, '41'],
  ['Rzeszów', 12, 35001, 35999, '17'],
  ['Gliwice', 10, 44100, 44164, '32'],
  ['Olsztyn', 9, 10001, 10999, '89'],
  ['Zabrze', 5, 41800, 41819, '32'],
  ['Bielsko-Biała', 10, 43300, 43382, '33'],
  ['Bytom', 5, 41900, 41949, '32'],
  ['Zielona Góra', 8, 65001, 65999, '68'],
  ['Rybnik', 6, 44200, 44274, '32'],
  ['Ruda Śląska', 4, 41700, 41719, '32'],
  ['Opole', 8, 45001, 45999, '77'],
  ['Tychy', 6, 43100, 43143, '32'],
  ['Gorzów Wielkopolski', 6, 66400, 66415, '95'],
  ['Elbląg', 5, 82300, 82314, '55'],
  ['Płock', 6, 9400, 9411, '24'],
  ['Dąbrowa Górnicza', 4, 41300, 41310, '32'],
  ['Wałbrzych', 4, 58300, 58316, '74'],
  ['Włocławek', 4, 87800, 87820, '54'],
  ['Tarnów', 6, 33100, 33110, '14'],
  ['Chorzów', 4, 41500, 41506, '32'],
  ['Koszalin', 5, 75001, 75902, '94'],
  ['Kalisz', 5, 62800, 62810, '62'],
  ['Legnica', 5, 59200, 59220, '76'],
  ['Grudziądz', 3, 86300, 86311, '56'],
  ['Słupsk', 3, 76200, 76216, '59'],
  ['Jaworzno', 2, 43600, 43609, '32'],
  ['Jelenia Góra', 3, 58500, 58573, '75'],
  ['Nowy Sącz', 4, 33300, 33310, '18'],
  ['Jastrzębie-Zdrój', 2, 44330, 44338, '32'],
  ['Siedlce', 3, 8100, 8110, '25'],
  ['Mysłowice', 2, 41400, 41412, '32'],
  ['Konin', 3, 62500, 62510, '63'],
  ['Piła', 3, 64920, 64933, '67'],
  ['Piotrków Trybunalski', 3, 97300, 97310, '44'],
  ['Inowrocław', 2, 88100, 88110, '52'],
  ['Lubin', 3, 59300, 59301, '76'],
  ['Ostrów Wielkopolski', 3, 63400, 63410, '62'],
  ['Suwałki', 2, 16400, 16404, '87'],
  ['Stargard', 2, 73110, 73110, '91'],
  ['Gniezno', 2, 62200, 62210, '61'],
  ['Głogów', 2, 67200, 67210, '76'],
  ['Pruszków', 4, 5800, 5804, '22'],
  ['Piaseczno', 4, 5500, 5502, '22'],
  ['Legionowo', 2, 5120, 5120, '22'],
  ['Otwock', 2, 5400, 5400, '22'],
  ['Grodzisk Mazowiecki', 2, 5825, 5827, '22'],
  ['Łomianki', 2, 5092, 5092, '22'],
  ['Ożarów Mazowiecki', 2, 5850, 5850, '22'],
  ['Wieliczka', 2, 32020, 32020, '12'],
  ['Skawina', 2, 32050, 32050, '12'],
  ['Niepołomice', 1, 32005, 32005, '12'],
  ['Pabianice', 2, 95200, 95200, '42'],
  ['Zgierz', 2, 95100, 95100, '42'],
  ['Oława', 2, 55200, 55200, '71'],
  ['Kobierzyce', 2, 55040, 55040, '71'],
  ['Swarzędz', 2, 62020, 62020, '61'],
  ['Luboń', 1, 62030, 62030, '61'],
  ['Tarnowo Podgórne', 2, 62080, 62080, '61'],
  ['Pruszcz Gdański', 2, 83000, 83000, '58'],
  ['Sopot', 2, 81701, 81890, '58'],
  ['Wejherowo', 2, 84200, 84200, '58'],
  ['Tczew', 2, 83110, 83110, '58'],
  ['Starogard Gdański', 2, 83200, 83200, '58'],
  ['Police', 1, 72010, 72010, '91'],
  ['Świdnik', 1, 21040, 21040, '81'],
  ['Puławy', 2, 24100, 24100, '81'],
  ['Zamość', 2, 22400, 22400, '84'],
  ['Chełm', 2, 22100, 22100, '82'],
  ['Biała Podlaska', 2, 21500, 21500, '83'],
  ['Łomża', 2, 18400, 18400, '86'],
  ['Ełk', 2, 19300, 19300, '87'],
  ['Przemyśl', 2, 37700, 37700, '16'],
  ['Stalowa Wola', 2, 37450, 37450, '15'],
  ['Mielec', 2, 39300, 39300, '17'],
  ['Krosno', 2, 38400, 38400, '13'],
  ['Sanok', 1, 38500, 38500, '13'],
  ['Jasło', 1, 38200, 38200, '13'],
  ['Dębica', 1, 39200, 39200, '14'],
  ['Bochnia', 1, 32700, 32700, '14'],
  ['Oświęcim', 2, 32600, 32600, '33'],
  ['Żywiec', 1, 34300, 34300, '33'],
  ['Cieszyn', 1, 43400, 43400, '33'],
  ['Zakopane', 1, 34500, 34500, '18'],
  ['Nowy Targ', 1, 34400, 34400, '18'],
  ['Racibórz', 2, 47400, 47400, '32'],
  ['Kędzierzyn-Koźle', 1, 47200, 47200, '77'],
  ['Nysa', 1, 48300, 48300, '77'],
  ['Świdnica', 2, 58100, 58100, '74'],
  ['Kłodzko', 1, 57300, 57300, '74'],
  ['Bolesławiec', 1, 59700, 59700, '75'],
  ['Żary', 1, 68200, 68200, '68'],
  ['Kościan', 1, 64000, 64000, '65'],
  ['Leszno', 2, 64100, 64100, '65'],
  ['Września', 1, 62300, 62300, '61'],
  ['Łowicz', 1, 99400, 99400, '46'],
  ['Kutno', 1, 99300, 99300, '24'],
  ['Skierniewice', 1, 96100, 96100, '46'],
  ['Sieradz', 1, 98200, 98200, '43'],
  ['Bełchatów', 2, 97400, 97400, '44'],
  ['Tomaszów Mazowiecki', 1, 97200, 97200, '44'],
  ['Ostrowiec Świętokrzyski', 1, 27400, 27400, '41'],
  ['Starachowice', 1, 27200, 27200, '41'],
  ['Sandomierz', 1, 27600, 27600, '15'],
  ['Ostrołęka', 1, 7410, 7410, '29'],
  ['Ciechanów', 1, 6400, 6400, '23'],
  ['Mińsk Mazowiecki', 1, 5300, 5300, '25'],
  ['Kwidzyn', 1, 82500, 82500, '55'],
  ['Malbork', 1, 82200, 82200, '55'],
  ['Chojnice', 1, 89600, 89600, '52'],
  ['Szczecinek', 1, 78400, 78400, '94'],
  ['Kołobrzeg', 1, 78100, 78100, '94'],
  ['Świnoujście', 1, 72600, 72600, '91'],
  ['Iława', 1, 14200, 14200, '89'],
  ['Giżycko', 1, 11500, 11500, '87'],
];

const CITIES = new Weighted<City>(
  CITY_TABLE.map(([name, weight, first, last, areaCode]) => [
    { name, postal: [first, last], areaCode },
    weight,
  ]),
);

export function pickCity(random: Random): City {
  return CITIES.pick(random);
}

const split = (list: string): string[] => list.split('|');

/** Streets: most are "ul.", some avenues, squares and housing estates. */
const STREETS = split(
  'Długa|Krótka|Polna|Leśna|Słoneczna|Ogrodowa|Lipowa|Brzozowa|Kwiatowa|Szkolna|Kościelna|' +
    'Parkowa|Zielona|Łąkowa|Klonowa|Sportowa|Przemysłowa|Fabryczna|Kolejowa|Dworcowa|Mickiewicza|' +
    'Adama Mickiewicza|Słowackiego|Juliusza Słowackiego|Kościuszki|Tadeusza Kościuszki|' +
    'Piłsudskiego|Józefa Piłsudskiego|Sienkiewicza|Henryka Sienkiewicza|Kopernika|' +
    'Mikołaja Kopernika|Reymonta|Prusa|Bolesława Prusa|Żeromskiego|Konopnickiej|' +
    'Marii Konopnickiej|Chopina|Fryderyka Chopina|Moniuszki|Wyspiańskiego|3 Maja|1 Maja|' +
    '11 Listopada|Armii Krajowej|Wojska Polskiego|Grunwaldzka|Warszawska|Krakowska|Poznańska|' +
    'Gdańska|Toruńska|Lubelska|Wrocławska|Katowicka|Targowa|Handlowa|Składowa|Magazynowa|' +
    'Logistyczna|Energetyków|Hutnicza|Górnicza|Spokojna|Cicha|Jasna|Wesoła|Nowa|Główna|' +
    'Wiejska|Rolnicza|Ogrodnicza|Sadowa|Graniczna|Okrężna|Boczna|Południowa|Północna|' +
    'Wschodnia|Zachodnia|Stawowa|Rzeczna|Młyńska|Piekarska|Kupiecka|Rzemieślnicza|Żwirki i Wigury|' +
    'gen. Józefa Bema|gen. Władysława Andersa|gen. Józefa Hallera|ks. Jerzego Popiełuszki|' +
    'Marii Skłodowskiej-Curie|Jana Kilińskiego|Kilińskiego|Traugutta|Mieszka I|Bolesława Chrobrego|' +
    'Kazimierza Wielkiego|Jagiellońska|Piastowska|Legionów|Powstańców Śląskich|Polskiej Organizacji Wojskowej|' +
    'Akacjowa|Jaśminowa|Wrzosowa|Topolowa|Jarzębinowa|Kasztanowa|Dębowa|Sosnowa|Świerkowa|Wierzbowa|' +
    'Miodowa|Malinowa|Wiśniowa|Morelowa|Rynkowa|Szeroka|Wąska|Krzywa|Zamkowa|Browarna|Garbarska|' +
    'Tartaczna|Cegielniana|Kamienna|Piaskowa|Gliniana|Torowa|Lotnicza|Portowa|Stoczniowa|Budowlanych|' +
    'Metalowców|Kombatantów|Pułaskiego|Kazimierza Pułaskiego|Wolności|Zwycięstwa|Pokoju|Ofiar Katynia|' +
    'Obrońców Westerplatte|Batorego|Stefana Batorego|Narutowicza|Gabriela Narutowicza|Okulickiego|Orzeszkowej',
);
const AVENUES = split(
  'Jana Pawła II|Solidarności|Niepodległości|Wojska Polskiego|Armii Krajowej|Jerozolimskie|' +
    'Zwycięstwa|Grunwaldzka|Tysiąclecia|Piłsudskiego|Mickiewicza|Róż|Lipowa',
);
const SQUARES = split('Wolności|Grunwaldzki|Kościuszki|Konstytucji|Zwycięstwa|Bankowy|Dworcowy');
const ESTATES = split('Słoneczne|Przyjaźni|Piastowskie|Tysiąclecia|Kościuszki|Zielone|Młodych');
const VILLAGES = split(
  'Zalesie|Stara Wieś|Nowa Wieś|Wola|Dąbrowa|Górki|Józefów|Michałowice|Bielany|Zawady|' +
    'Kamionka|Lipniki|Olszyny|Borek|Brzezie|Kłoda|Łęg|Podgórze|Wygoda',
);

export function polishAddress(random: Random, city: City): Address {
  const [first, last] = city.postal;
  const postal = String(random.int(first, last)).padStart(5, '0');
  return {
    // Villages without streets lie around small towns, whose post office serves them.
    street: street(random, last - first < 50),
    postalCode: `${postal.slice(0, 2)}-${postal.slice(2)}`,
    city: city.name,
  };
}

function street(random: Random, smallTown: boolean): string {
  const kind = random.float();
  if (kind < 0.03 && smallTown) return `${random.pick(VILLAGES)} ${houseNumber(random)}`;
  if (kind < 0.04 && smallTown) return `Rynek ${houseNumber(random)}`;
  const place =
    kind < 0.1
      ? `al. ${random.pick(AVENUES)}`
      : kind < 0.13
        ? `pl. ${random.pick(SQUARES)}`
        : kind < 0.16
          ? `os. ${random.pick(ESTATES)}`
          : `ul. ${random.pick(STREETS)}`;
  return `${place} ${houseNumber(random)}${premises(random)}`;
}

/** Mostly low numbers, as streets are mostly short; now and then with a letter: 12a, 7B. */
function houseNumber(random: Random): string {
  const size = random.float();
  const n = size < 0.4 ? random.int(1, 9) : size < 0.8 ? random.int(10, 60) : random.int(61, 250);
  const letter = random.float();
  return letter < 0.05 ? `${n}a` : letter < 0.08 ? `${n}${random.pick(['A', 'B', 'C'])}` : `${n}`;
}

/** An office or flat number: "/4", " lok. 12", " m. 3"; most firms have none. */
function premises(random: Random): string {
  const kind = random.float();
  if (kind < 0.25) return `/${random.int(1, 60)}`;
  if (kind < 0.3) return ` lok. ${random.int(1, 30)}`;
  if (kind < 0.32) return ` m. ${random.int(1, 80)}`;
  return '';
}
