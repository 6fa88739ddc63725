import { readFileSync, readdirSync } from 'node:fs';
import { summariseProfile } from './cpuProfileSummary.ts';
const dir = process.argv[2]!;
const files = readdirSync(dir).map((f) => JSON.parse(readFileSync(dir + '/' + f, 'utf8')));
const big = files.sort((a, b) => b.nodes.length - a.nodes.length)[0];
console.log(summariseProfile([big], 30, (process.argv[3] ?? '').split(',')));
