// Finds import circles among the app's own TypeScript files and fails when
// there is one.
//
//   node scripts/check-import-cycles.mjs [folder ...]   (default: electron shared renderer)
//
// Every relative specifier counts: `import`, `import type`, `export ... from`,
// `import()` and `require()`. A type-only circle is no run-time problem, but
// it ties the files together all the same (one cannot be read, moved or
// tested without the others), so it is reported too. Specifiers are read
// with the `typescript` package's `preProcessFile`, which parses rather than
// pattern-matches, so a specifier inside a comment or a string is not taken
// for an import.
//
// Prints each circle (a -> b -> a), grouped by the set of files that import
// one another round (a strongly connected component); exits 1 when any is found.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const SKIP = new Set(['node_modules', 'dist', 'release', 'coverage']);

/** Every TypeScript file under `folder` (declaration files and skipped folders left out). */
export function sourceFiles(folder) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path.resolve(full));
    }
  };
  if (statSync(folder, { throwIfNoEntry: false })?.isDirectory()) walk(folder);
  return out;
}

/** The file a relative specifier names, when it is one of `known`; null for packages and files outside. */
function resolve(from, specifier, known) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [
    base,
    ...['.ts', '.tsx', '.mts', '.cts'].map((ext) => stem + ext),
    ...['index.ts', 'index.tsx'].map((index) => path.join(base, index)),
  ];
  return candidates.find((c) => known.has(c)) ?? null;
}

/** The import graph: each file and the files it imports (type-only imports included). */
export function importGraph(files) {
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set();
    for (const { fileName } of info.importedFiles) {
      const target = resolve(file, fileName, known);
      if (target !== null) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** The groups of files that import one another round (Tarjan's strongly connected components), size > 1 or self-importing. */
function circles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (root) => {
    // Iterative, so a long chain of imports cannot overflow the call stack.
    const work = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work.at(-1);
      const targets = graph.get(frame.node);
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++];
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work.at(-1).node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const group = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        if (group.length > 1 || graph.get(frame.node).includes(frame.node)) groups.push(group.sort());
      }
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** The shortest way back from `to` to `from` inside `group` (breadth first), as a list of files. */
function shortestPath(graph, group, from, to) {
  const inGroup = new Set(group);
  const cameFrom = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === to) break;
    for (const target of graph.get(node)) {
      if (inGroup.has(target) && !cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  const way = [];
  for (let node = to; node !== null; node = cameFrom.get(node)) way.unshift(node);
  return way;
}

/**
 * The circles among `files`: for each group of files that import one another
 * round, one shortest circle through each import inside the group (so every
 * import that takes part in a circle shows in at least one), without repeats.
 */
export function findImportCycles(files) {
  const graph = importGraph(files);
  return circles(graph).map((group) => {
    const seen = new Set();
    const cycles = [];
    for (const from of group) {
      for (const to of graph.get(from)) {
        if (!group.includes(to)) continue;
        // from -> to, then the shortest way from `to` back to `from`.
        const cycle = from === to ? [from] : shortestPath(graph, group, to, from);
        const start = cycle.indexOf([...cycle].sort()[0]);
        const key = [...cycle.slice(start), ...cycle.slice(0, start)].join('\n');
        if (seen.has(key)) continue;
        seen.add(key);
        cycles.push(key.split('\n'));
      }
    }
    return { files: group, cycles };
  });
}

function main() {
  const folders = process.argv.slice(2);
  const roots = folders.length > 0 ? folders : ['electron', 'shared', 'renderer'];
  const files = roots.flatMap((root) => sourceFiles(root));
  const groups = findImportCycles(files);
  const show = (file) => path.relative(process.cwd(), file).split(path.sep).join('/');
  if (groups.length === 0) {
    console.log(`No import circle among ${files.length} files in ${roots.join(', ')}.`);
    return 0;
  }
  const count = groups.reduce((n, g) => n + g.cycles.length, 0);
  console.error(`${count} import circle(s) in ${groups.length} group(s) of files that import one another round:`);
  for (const group of groups) {
    console.error(`\n${group.files.length} files: ${group.files.map(show).join(', ')}`);
    for (const cycle of group.cycles) console.error(`  ${[...cycle, cycle[0]].map(show).join(' -> ')}`);
  }
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
