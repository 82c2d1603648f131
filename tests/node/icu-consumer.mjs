#!/usr/bin/env node
// Formats every message of `carta build` output with arguments, in two real runtimes.
//
// Usage: node icu-consumer.mjs <dist-dir> <results.json>
//
// For every locale folder with a messages.ftl:
// - messages.ftl, messages.json and messages.icu.json must list the same message parts
//   (`id`, `id.attr`), and dist/messages.schema.json must know each of them;
// - for every part and every sample set (arguments derived from the variables
//   dist/messages.schema.json gives the part: numbers 0, 1, 2, 3, 5, 11, 21, 101, 1234.5,
//   strings with quotes and braces, dates), @fluent/bundle formatting messages.ftl must give the
//   same text as intl-messageformat formatting messages.icu.json, with the same locale,
//   and with no error from either; a part without arguments keeps in messages.json the
//   text @fluent/bundle gives. Parts the manifest lists in `icu_issues` (what ICU
//   cannot say exactly, reported by carta) are counted, not compared.
// The Fluent texts go to <results.json> for the Rust side to compare with fluent-rs.
//
// Exit status: 0 every locale passed; 1 a failure; 2 usage error.

import { readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { IntlMessageFormat } from "intl-messageformat";

const NUMBERS = [0, 1, 2, 3, 5, 11, 21, 101, 1234.5];
const STRINGS = ["Ada", "O'Brien {x} <b>#1</b>"];
// Dates (for DATETIME arguments): a morning, an afternoon and a year's last minute, UTC.
const DATES = [Date.UTC(2026, 0, 15, 9, 5, 9), Date.UTC(2026, 6, 4, 14, 30), Date.UTC(2025, 11, 31, 23, 59)];
const MAX_REPORTED = 20;

const [dist, resultsPath] = process.argv.slice(2);
if (!dist || !resultsPath || !existsSync(dist)) {
  process.stderr.write("usage: node icu-consumer.mjs <dist-dir> <results.json>\n");
  process.exit(2);
}

const schema = JSON.parse(readFileSync(join(dist, "messages.schema.json"), "utf8"));
const manifest = JSON.parse(readFileSync(join(dist, "manifest.json"), "utf8"));
const kinds = {};
for (const [key, s] of Object.entries(schema.properties ?? {})) {
  kinds[key] = Object.fromEntries(
    Object.entries(s.properties ?? {}).map(([n, p]) => [n, p.format === "date-time" ? "datetime" : p.type]),
  );
}
const sample = (key, i) => {
  const args = {};
  let j = 0;
  for (const [name, kind] of Object.entries(kinds[key] ?? {})) {
    // Different variables of one part get different values.
    args[name] =
      kind === "number"
        ? NUMBERS[(i + j) % NUMBERS.length]
        : kind === "datetime"
          ? new Date(DATES[(i + j) % DATES.length])
          : STRINGS[(i + j) % STRINGS.length];
    j++;
  }
  return args;
};

const tags = readdirSync(dist, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(dist, d.name, "messages.ftl")))
  .map((d) => d.name)
  .sort();
if (tags.length === 0) {
  process.stderr.write(`no locales in ${dist}\n`);
  process.exit(2);
}

const results = { samples: NUMBERS.length, locales: {} };
let passed = 0;
let failed = 0;
for (const tag of tags) {
  const failures = [];
  const fail = (s) => failures.push(s);
  const entry = (manifest.locales ?? []).find((l) => l.tag === tag) ?? {};
  const reported = new Set((entry.icu_issues ?? []).map((i) => i.id));
  const ftl = readFileSync(join(dist, tag, "messages.ftl"), "utf8");
  const icu = JSON.parse(readFileSync(join(dist, tag, "messages.icu.json"), "utf8"));
  const json = JSON.parse(readFileSync(join(dist, tag, "messages.json"), "utf8")).messages;
  const bundle = new FluentBundle(tag, { useIsolating: false });
  const resource = new FluentResource(ftl);
  for (const err of bundle.addResource(resource)) fail(`addResource: ${err}`);

  // The same parts everywhere.
  const ftlParts = [];
  for (const e of resource.body) {
    if (e.id.startsWith("-")) continue;
    if (e.value !== null) ftlParts.push(e.id);
    for (const a of Object.keys(e.attributes)) ftlParts.push(`${e.id}.${a}`);
  }
  const jsonParts = [];
  for (const [id, m] of Object.entries(json)) {
    if (m.value !== null || m.pattern !== undefined) jsonParts.push(id);
    for (const a of Object.keys(m.attributes)) jsonParts.push(`${id}.${a}`);
  }
  const icuParts = Object.keys(icu);
  const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  if (!same(ftlParts, icuParts)) fail(`messages.ftl and messages.icu.json list different parts (${ftlParts.length} vs ${icuParts.length})`);
  if (!same(ftlParts, jsonParts)) fail(`messages.ftl and messages.json list different parts (${ftlParts.length} vs ${jsonParts.length})`);
  for (const key of ftlParts) if (!(key in kinds)) fail(`${key}: not in messages.schema.json`);

  const texts = {};
  let compared = 0;
  let skipped = 0;
  const plain = NUMBERS.filter((n) => Number.isInteger(n) && n < 1000).every(
    (n) => new Intl.NumberFormat(tag).format(n) === String(n),
  );
  for (const key of ftlParts.sort()) {
    const [id, attr] = key.split(".");
    const msg = bundle.getMessage(id);
    const pattern = attr === undefined ? msg.value : msg.attributes[attr];
    let mf = null;
    try {
      mf = new IntlMessageFormat(icu[key], tag);
    } catch (err) {
      fail(`${key}: intl-messageformat cannot parse ${JSON.stringify(icu[key])}: ${err.message}`);
    }
    texts[key] = [];
    // A part that needs no argument: messages.json keeps its text, which must be what
    // the runtimes make of messages.ftl (a fallen-back message with the locale's terms
    // once read differently there).
    const jm = json[id];
    const stored = jm === undefined ? undefined : attr === undefined ? jm.value : jm.attributes[attr];
    if (typeof stored === "string" && Object.keys(kinds[key] ?? {}).length === 0 && !reported.has(key)) {
      const errors = [];
      const fluent = bundle.formatPattern(pattern, {}, errors);
      if (fluent !== stored) fail(`${key}: messages.json ${JSON.stringify(stored)} != @fluent/bundle ${JSON.stringify(fluent)}`);
      for (const err of errors) fail(`${key}: @fluent/bundle error: ${err.message}`);
    }
    for (let i = 0; i < NUMBERS.length; i++) {
      const args = sample(key, i);
      // What carta reported it cannot say in ICU is not compared (a cycle in a branch
      // is an error in Fluent too).
      if (reported.has(key)) {
        skipped++;
        continue;
      }
      const errors = [];
      const want = bundle.formatPattern(pattern, args, errors);
      const dates = Object.values(args).some((v) => v instanceof Date);
      texts[key].push({ args, text: want, dates });
      for (const err of errors) fail(`${key} ${JSON.stringify(args)}: @fluent/bundle error: ${err.message}`);
      if (mf === null) continue;
      let got;
      try {
        got = mf.format(args);
      } catch (err) {
        fail(`${key} ${JSON.stringify(args)}: intl-messageformat error: ${err.message}`);
        continue;
      }
      if (Array.isArray(got)) got = got.join("");
      compared++;
      if (got !== want) {
        fail(`${key} ${JSON.stringify(args)}: ICU ${JSON.stringify(got)} != Fluent ${JSON.stringify(want)} (icu: ${JSON.stringify(icu[key])})`);
      }
    }
  }
  results.locales[tag] = { plainNumbers: plain, texts };
  console.log(`${tag}: ${ftlParts.length} parts, ${compared} formatted with arguments in both, ${skipped} reported by carta, ${failures.length} errors`);
  failures.slice(0, MAX_REPORTED).forEach((f) => console.log(`  FAIL ${f}`));
  if (failures.length > MAX_REPORTED) console.log(`  … and ${failures.length - MAX_REPORTED} more`);
  if (failures.length === 0) passed++;
  else failed++;
}
writeFileSync(resultsPath, JSON.stringify(results));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
