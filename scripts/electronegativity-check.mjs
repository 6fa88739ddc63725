// Runs @doyensec/electronegativity over the project tree (it skips
// node_modules by itself), with SARIF output to a temp file, and fails on any
// finding of medium or high severity that is not in the reviewed allowlist
// (scripts/electronegativity-allowlist.json, each entry with its reason).
// Electronegativity always exits 0 by itself, hence this script.
//
// Its SARIF carries no severity, so the tool is run through its Node API:
// that returns the same findings, in the same order as the SARIF results,
// with their severity. The two are matched one to one (rule id and file) and
// any mismatch fails the run rather than guessing.
//
// It also fails on a file the tool could not parse (a file not checked) and
// on an allowlist entry that no longer matches anything (the list stays
// small and true).
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allowlistFile = path.join(root, 'scripts', 'electronegativity-allowlist.json');
const FAILING = new Set(['MEDIUM', 'HIGH']);

const allowlist = JSON.parse(await readFile(allowlistFile, 'utf8'));
for (const entry of [...allowlist.excludedChecks, ...allowlist.findings]) {
  if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
    console.error(`security: every allowlist entry needs a reason: ${JSON.stringify(entry)}`);
    process.exit(1);
  }
}

const electronVersion = JSON.parse(
  await readFile(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const run = require('@doyensec/electronegativity');
const work = await mkdtemp(path.join(tmpdir(), 'boardkeeper-electronegativity-'));
const sarifFile = path.join(work, 'electronegativity.sarif');
// Scan the sources, not build output: dist/ holds bundles (the renderer's uses syntax the tool's
// parser does not know) made from the very sources scanned here. A copy keeps paths relative.
const scanRoot = path.join(work, 'tree');
const SCANNED = ['electron', 'renderer', 'shared', 'tests', 'scripts', 'package.json'];
for (const entry of SCANNED) {
  await cp(path.join(root, entry), path.join(scanRoot, entry), {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist|release|\.bench)([\\/]|$)/.test(path.relative(root, source)),
  });
}

// The tool writes its report with a callback-style fs.writeFile that it does not wait for: the
// run's promise settles before the file exists (CI, on a fresh machine, read it too soon). Wait
// for a complete report, for a while, then fail with what was seen.
async function readSarif(file) {
  const deadline = Date.now() + 30_000;
  let lastError;
  while (Date.now() < deadline) {
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`security: electronegativity wrote no complete report to ${file}: ${lastError?.message}`);
}

let outcome;
try {
  // The tool logs progress and network notes through console.log; keep them
  // out of the report, but keep them for a failure.
  const noise = [];
  const log = console.log;
  console.log = (...args) => noise.push(args.join(' '));
  try {
    outcome = await run(
      {
        input: scanRoot,
        output: sarifFile,
        isSarif: true,
        isRelative: true,
        electronVersionOverride: electronVersion,
        excludeFromScan: allowlist.excludedChecks.map((entry) => entry.check),
      },
      false,
    );
  } finally {
    console.log = log;
  }
  const sarif = await readSarif(sarifFile);
  outcome.sarifResults = sarif.runs[0].results;
  outcome.noise = noise;
} finally {
  await rm(work, { recursive: true, force: true });
}

const { issues, errors, sarifResults, globalChecks, atomicChecks } = outcome;
const problems = [];
if (sarifResults.length !== issues.length) {
  problems.push(`the SARIF has ${sarifResults.length} results but the run reported ${issues.length} findings`);
}
for (const error of errors.filter((e) => !e.tolerable)) {
  problems.push(`could not parse ${path.relative(scanRoot, error.file)}: ${error.message} (the file was not checked)`);
}

const used = new Set();
const rows = [];
sarifResults.forEach((result, index) => {
  const issue = issues[index];
  const file = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? 'N/A';
  const line = result.locations?.[0]?.physicalLocation?.region?.startLine ?? 0;
  if (!issue || issue.id !== result.ruleId) {
    problems.push(`SARIF result ${index} (${result.ruleId}) does not match the run's finding ${issue?.id}`);
    return;
  }
  const severity = issue.severity.name;
  const where = file === 'file:///' ? 'N/A' : file;
  // Each entry covers one finding: a second one of the same rule in the same
  // file is new code, and must be reviewed on its own.
  const allowed = allowlist.findings.findIndex(
    (entry, i) => !used.has(i) && entry.rule === result.ruleId && entry.file === where,
  );
  let verdict = 'ok (low)';
  if (FAILING.has(severity)) {
    if (allowed === -1) {
      verdict = 'FAIL';
      problems.push(`${severity} ${result.ruleId} at ${where}:${line}: ${result.message.text}`);
    } else {
      verdict = 'allowed';
      used.add(allowed);
    }
  }
  rows.push(
    `  ${verdict.padEnd(9)} ${severity.padEnd(13)} ${result.ruleId} ${where}${where === 'N/A' ? '' : `:${line}`}`,
  );
});
allowlist.findings.forEach((entry, index) => {
  if (!used.has(index)) problems.push(`allowlist entry ${entry.rule} at ${entry.file} matched nothing: remove it`);
});

console.log(
  `security: electronegativity (${globalChecks} global and ${atomicChecks} atomic checks, Electron ${electronVersion}) found ${issues.length}:`,
);
if (rows.length > 0) console.log(rows.join('\n'));
for (const entry of allowlist.excludedChecks) console.log(`  excluded  ${entry.check}: ${entry.reason}`);
if (problems.length > 0) {
  console.error(`\nsecurity: FAILED (${problems.length})`);
  for (const problem of problems) console.error(`  - ${problem}`);
  if (process.env.DEBUG_ELECTRONEGATIVITY) console.error(outcome.noise.join('\n'));
  process.exit(1);
}
console.log('\nsecurity: OK: no medium or high finding outside the reviewed allowlist.');
