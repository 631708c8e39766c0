"use strict";
// Parses and validates Adaptive Cards with the official renderer (adaptivecards, pinned in package-lock.json),
// the way a client would before rendering. No DOM is needed for parse/validate under Node 20, so no shim.
// `require("adaptivecards")` fails under Node 20 (its lib/ ES modules import paths without extensions): use dist/.
// Parsing targets schema 1.5 (Teams' ceiling), so an element or property newer than 1.5 is reported too.
//
// Usage: node check-card.js [--target 1.2] <card.json> [...]
//   --target: the schema version to parse against (default 1.5); 1.2 is what Teams mobile renders.
// Prints a JSON array: [{ file, version, parseEvents: [...], validationEvents: [...] }]
const fs = require("fs");
const AC = require("adaptivecards/dist/adaptivecards.js");

function typeOf(source) {
  if (!source) {
    return null;
  }
  return typeof source.getJsonTypeName === "function" ? source.getJsonTypeName() : String(source.type);
}

function describe(e) {
  return {
    phase: AC.ValidationPhase[e.phase],
    event: AC.ValidationEvent[e.event],
    source: typeOf(e.source),
    message: e.message,
  };
}

const args = process.argv.slice(2);
let target = AC.Versions.v1_5;
const targetAt = args.indexOf("--target");
if (targetAt >= 0) {
  target = AC.Versions["v" + String(args[targetAt + 1]).replace(".", "_")];
  if (!target) {
    throw new Error("Unknown --target version: " + args[targetAt + 1]);
  }
  args.splice(targetAt, 2);
}

const results = args.map((file) => {
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(target);
  card.parse(json, context);
  const parseEvents = [];
  for (let i = 0; i < context.eventCount; i++) {
    parseEvents.push(describe(context.getEventAt(i)));
  }
  const validationEvents = card.validateProperties().validationEvents.map(describe);
  return { file, version: card.version ? card.version.toString() : null, parseEvents, validationEvents };
});

process.stdout.write(JSON.stringify(results));
