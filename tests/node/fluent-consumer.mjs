#!/usr/bin/env node
// Real Fluent runtime consumer for `carta build` output.
//
// Usage: node fluent-consumer.mjs <dist-dir>
//
// For every locale folder in <dist-dir> that has a messages.ftl, this loads the
// resource into an @fluent/bundle FluentBundle (isolation marks off), formats
// every message value and attribute with no arguments, and compares the result
// with the locale's messages.json, which carta produced with fluent-rs. A part that
// takes arguments has its pattern there instead of a text; icu-consumer.mjs formats
// those with arguments.
//
// Exit status: 0 every locale passed; 1 at least one failure;
//              2 usage error, missing dist dir, or no locales found.
//
// One deliberate tolerance: formatting without arguments makes a message that
// references `$variable` report "Unknown variable" (fluent-rs does the same,
// and `carta build` ignores exactly that error kind). Those errors are not
// failures; they are counted and noted on stderr. Every other error is.

import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource } from "@fluent/bundle";

const MAX_REPORTED_PER_LOCALE = 20;
// Same entry-start pattern the @fluent/bundle runtime parser scans for.
const ENTRY_START = /^(-?[a-zA-Z][\w-]*) *= */gm;

function usage(msg) {
  process.stderr.write(`fluent-consumer: ${msg}\nusage: node fluent-consumer.mjs <dist-dir>\n`);
  process.exit(2);
}

function isUnknownVariable(err) {
  return err instanceof ReferenceError && /^Unknown variable: \$/.test(err.message);
}

function describeError(err) {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

// A short diff: the first differing position with a little context.
function shortDiff(expected, got) {
  if (typeof expected !== "string" || typeof got !== "string") {
    return [`expected: ${JSON.stringify(expected)}`, `got:      ${JSON.stringify(got)}`];
  }
  let i = 0;
  while (i < expected.length && i < got.length && expected[i] === got[i]) i++;
  const from = Math.max(0, i - 20);
  const clip = (s) => {
    const part = s.slice(from, i + 40);
    return (from > 0 ? "…" : "") + JSON.stringify(part) + (i + 40 < s.length ? "…" : "");
  };
  return [
    `first difference at char ${i} (expected length ${expected.length}, got ${got.length})`,
    `expected: ${clip(expected)}`,
    `got:      ${clip(got)}`,
  ];
}

function checkLocale(dist, tag) {
  const failures = [];
  const fail = (line, detail = []) => failures.push([line, ...detail]);
  let messages = 0;
  let attributes = 0;
  let unknownVariables = 0;

  const ftlPath = join(dist, tag, "messages.ftl");
  const jsonPath = join(dist, tag, "messages.json");

  let text;
  try {
    text = readFileSync(ftlPath, "utf8");
  } catch (err) {
    fail(`cannot read ${ftlPath}: ${describeError(err)}`);
    return { messages, attributes, unknownVariables, failures };
  }

  let expected;
  try {
    const doc = JSON.parse(readFileSync(jsonPath, "utf8"));
    if (doc === null || typeof doc !== "object" || typeof doc.messages !== "object" || doc.messages === null) {
      throw new Error('no "messages" object');
    }
    if (doc.locale !== tag) {
      fail(`messages.json "locale" is ${JSON.stringify(doc.locale)}, expected ${JSON.stringify(tag)}`);
    }
    expected = doc.messages;
  } catch (err) {
    fail(`cannot load ${jsonPath}: ${describeError(err)}`);
    return { messages, attributes, unknownVariables, failures };
  }

  let bundle, resource;
  try {
    bundle = new FluentBundle(tag, { useIsolating: false });
    resource = new FluentResource(text);
  } catch (err) {
    fail(`cannot create bundle/resource: ${describeError(err)}`);
    return { messages, attributes, unknownVariables, failures };
  }
  for (const err of bundle.addResource(resource)) {
    fail(`addResource: ${describeError(err)}`);
  }

  // Junk detection. The runtime parser silently drops entries it cannot parse,
  // so every `id =` line in the source must have become an entry of the body.
  const parsedIds = new Set(resource.body.map((e) => e.id));
  const sourceIds = [...text.matchAll(ENTRY_START)].map((m) => m[1]);
  for (const id of sourceIds) {
    if (!parsedIds.has(id)) fail(`junk: entry "${id}" in messages.ftl did not parse`);
  }
  // Stray unindented lines are ignored by the runtime parser; flag them too.
  text.split(/\r?\n/).forEach((line, n) => {
    if (line === "" || /^[\s#\[*.}]/.test(line) || /^-?[a-zA-Z][\w-]* *=/.test(line)) return;
    fail(`junk: unparsed line ${n + 1} in messages.ftl: ${JSON.stringify(line.slice(0, 60))}`);
  });

  const bundleIds = resource.body.map((e) => e.id).filter((id) => !id.startsWith("-"));
  const expectedIds = Object.keys(expected);
  if (bundleIds.length !== expectedIds.length) {
    fail(`message count: bundle has ${bundleIds.length}, messages.json has ${expectedIds.length}`);
  }
  for (const id of bundleIds) {
    if (!Object.hasOwn(expected, id)) fail(`message "${id}" is in messages.ftl but not in messages.json`);
  }

  const format = (label, pattern, want) => {
    const errors = [];
    let got;
    try {
      got = bundle.formatPattern(pattern, null, errors);
    } catch (err) {
      errors.push(err);
    }
    for (const err of errors) {
      if (isUnknownVariable(err)) {
        unknownVariables++;
      } else {
        fail(`${label}: formatting error: ${describeError(err)}`);
      }
    }
    if (got !== undefined && got !== want) {
      fail(`${label}: text differs`, shortDiff(want, got));
    }
  };

  for (const id of expectedIds.sort()) {
    const entry = expected[id];
    if (id.startsWith("-")) {
      fail(`term "${id}" must not be in messages.json`);
      continue;
    }
    if (!bundle.hasMessage(id)) {
      fail(`message "${id}" is in messages.json but not in the bundle`);
      continue;
    }
    const msg = bundle.getMessage(id);
    messages++;
    const wantValue = entry?.value ?? null;
    const wantAttrs = entry?.attributes ?? {};

    // A part with variables has its pattern in messages.json instead of a text
    // (icu-consumer.mjs formats those with arguments).
    const wantPattern = entry?.pattern;
    const attrPatterns = entry?.attribute_patterns ?? {};
    if (msg.value === null && (wantValue !== null || wantPattern !== undefined)) {
      fail(`${id}: messages.json has a value, the bundle's message has none`);
    } else if (msg.value !== null && wantValue === null && typeof wantPattern === "string") {
      // dynamic: formatted with arguments elsewhere
    } else if (msg.value !== null && wantValue === null) {
      fail(`${id}: the bundle's message has a value, messages.json has null`);
    } else if (msg.value !== null) {
      format(id, msg.value, wantValue);
    }

    for (const name of Object.keys(msg.attributes)) {
      if (!Object.hasOwn(wantAttrs, name)) fail(`${id}.${name}: attribute missing from messages.json`);
    }
    for (const name of Object.keys(wantAttrs).sort()) {
      if (!Object.hasOwn(msg.attributes, name)) {
        fail(`${id}.${name}: attribute in messages.json but not in the bundle`);
        continue;
      }
      attributes++;
      if (wantAttrs[name] === null && typeof attrPatterns[name] === "string") continue;
      format(`${id}.${name}`, msg.attributes[name], wantAttrs[name]);
    }
  }

  return { messages, attributes, unknownVariables, failures };
}

function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1) usage("expected exactly one argument");
  const dist = args[0];
  if (!existsSync(dist) || !statSync(dist).isDirectory()) usage(`dist dir not found: ${dist}`);

  const tags = readdirSync(dist, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dist, d.name, "messages.ftl")))
    .map((d) => d.name)
    .sort();

  // Locales that manifest.json promises but that have no messages.ftl fail.
  const missing = [];
  const manifestPath = join(dist, "manifest.json");
  if (existsSync(manifestPath)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      const listed = (manifest.locales ?? []).map((l) => l.tag).filter((t) => typeof t === "string");
      for (const t of listed) if (!tags.includes(t)) missing.push(t);
      for (const t of tags) {
        if (!listed.includes(t)) process.stderr.write(`note: ${t}/messages.ftl exists but ${t} is not in manifest.json\n`);
      }
    } catch (err) {
      process.stderr.write(`note: cannot read manifest.json: ${describeError(err)}\n`);
    }
  }

  if (tags.length === 0 && missing.length === 0) usage(`no locales (no <tag>/messages.ftl) in ${dist}`);

  let passed = 0;
  let failed = 0;
  for (const tag of missing) {
    console.log(`${tag}: listed in manifest.json but ${tag}/messages.ftl is missing`);
    failed++;
  }
  for (const tag of tags) {
    const r = checkLocale(dist, tag);
    console.log(
      `${tag}: ${r.messages} messages, ${r.attributes} attributes formatted, ${r.failures.length} errors`,
    );
    r.failures.slice(0, MAX_REPORTED_PER_LOCALE).forEach(([line, ...detail]) => {
      console.log(`  FAIL ${line}`);
      for (const d of detail) console.log(`       ${d}`);
    });
    if (r.failures.length > MAX_REPORTED_PER_LOCALE) {
      console.log(`  … and ${r.failures.length - MAX_REPORTED_PER_LOCALE} more`);
    }
    if (r.unknownVariables > 0) {
      process.stderr.write(`note: ${tag}: ${r.unknownVariables} unknown-variable references (no arguments given), tolerated\n`);
    }
    if (r.failures.length === 0) passed++;
    else failed++;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
