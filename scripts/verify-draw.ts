/**
 * Recomputes a passport draw from what was published (README "How places open"):
 *
 *   npm run verify:draw -- <office> <draw id> [--url http://localhost:3000]
 *   npm run verify:draw -- --file draw.json        (the JSON of GET /api/offices/:code/draws/:id)
 *
 * Checks that sha256(seed) is the seed hash published before the window opened, recomputes the
 * winners from the seed and the entries, and compares them and the result hash with the
 * published ones. Exit 0 when everything agrees, 1 when something differs, 2 on a usage error.
 * Needs nothing from the server but the published JSON (server/domain/passport/lottery.ts).
 */
import { readFileSync } from 'node:fs';
import { runLottery, verifyPublishedDraw, type PublishedDraw } from '../server/domain/passport/lottery.ts';

type Draw = PublishedDraw & { officeCode?: string; id?: string; date?: string; session?: string; entriesCount?: number; status?: string };

async function load(args: string[]): Promise<Draw> {
  const file = args.indexOf('--file');
  if (file >= 0) {
    const name = args[file + 1];
    if (!name) throw new Error('--file needs a file name');
    return JSON.parse(readFileSync(name, 'utf8')) as Draw;
  }
  const url = args.indexOf('--url') >= 0 ? args[args.indexOf('--url') + 1] : (process.env.ALUR_URL ?? 'http://localhost:3000');
  const [office, id] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--url');
  if (!office || !id) throw new Error('usage: npm run verify:draw -- <office> <draw id> [--url URL] | --file draw.json');
  const res = await fetch(`${url}/api/offices/${encodeURIComponent(office)}/draws/${encodeURIComponent(id)}`);
  if (!res.ok) throw new Error(`GET ${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Draw;
}

async function main(): Promise<number> {
  let draw: Draw;
  try {
    draw = await load(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const problems = verifyPublishedDraw(draw);
  const name = [draw.officeCode, draw.id].filter(Boolean).join(' ');
  if (problems.length) {
    console.error(`draw ${name}: DOES NOT CHECK OUT`);
    for (const p of problems) console.error(`  - ${p}`);
    return 1;
  }
  const again = runLottery({ seed: draw.seed!, entries: draw.entries!, places: draw.places!, priorityPlaces: draw.priorityPlaces! });
  console.log(`draw ${name}: checks out`);
  console.log(`  seed hash   ${draw.seedHash} = sha256(seed)`);
  console.log(`  entries     ${draw.entries!.length} (${draw.entries!.filter((e) => e.priority).length} priority)`);
  console.log(`  places      ${draw.places} (${draw.priorityPlaces} first for priority groups)`);
  console.log(`  winners     ${again.winners.length}, result hash ${again.resultHash}`);
  return 0;
}

process.exitCode = await main();
