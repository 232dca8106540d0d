// peers.mjs - runs the peer libraries on the same JSON-lines corpus that claimline reads
// and prints one line each: documents, MB, seconds, MB/s, docs/s and what was found.
//
//   node bench/peers.mjs CORPUS.jsonl
//
// chrono-node parses dates against each document's own date (what claimline's tagger does);
// wink-nlp with its English lite model splits sentences and tokens and finds entities.
import { readFileSync } from 'node:fs';
import * as chrono from 'chrono-node';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const path = process.argv[2];
if (!path) {
  console.error('usage: node bench/peers.mjs CORPUS.jsonl');
  process.exit(2);
}
const docs = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l) => JSON.parse(l));
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);

function report(name, seconds, found) {
  const mb = bytes / 1048576;
  console.log(
    `${name.padEnd(12)} ${docs.length} docs  ${mb.toFixed(1)} MB  ${seconds.toFixed(2)} s  ` +
      `${(mb / seconds).toFixed(2)} MB/s  ${(docs.length / seconds).toFixed(0)} docs/s  ${found}`
  );
}

{
  let n = 0;
  const t0 = process.hrtime.bigint();
  for (const d of docs) {
    const ref = d.date ? new Date(`${d.date}T12:00:00Z`) : new Date();
    n += chrono.parse(d.text, ref).length;
  }
  report('chrono-node', Number(process.hrtime.bigint() - t0) / 1e9, `${n} dates`);
}

{
  const nlp = winkNLP(model);
  const its = nlp.its;
  let sentences = 0, tokens = 0, entities = 0;
  const t0 = process.hrtime.bigint();
  for (const d of docs) {
    const doc = nlp.readDoc(d.text);
    sentences += doc.sentences().length();
    tokens += doc.tokens().length();
    entities += doc.entities().out(its.value).length;
  }
  report('wink-nlp', Number(process.hrtime.bigint() - t0) / 1e9,
         `${sentences} sentences, ${tokens} tokens, ${entities} entities`);
}
