// CI: `npm start` as a newcomer runs it — no DATABASE_URL, nothing set up — must print a curl that answers.
// Starts it, waits for the printed curl, runs that exact command, checks the answer, then Ctrl-C (SIGINT) and
// checks that the stack stopped. Prints how long the start took (fresh or warm: ./.data/ decides).
import { spawn, spawnSync } from 'node:child_process';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';

const started = Date.now();
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.TEST_DATABASE_URL;
const stack = spawn('npm', ['start', '--silent'], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
let output = '';
let printed = false;
const exited = new Promise((resolve) => stack.once('exit', (code) => resolve(code)));
const fail = async (message) => {
  process.stdout.write(`${output}\ncheck-start: FAIL: ${message}\n`);
  // Ctrl-C first: the stack stops its services (their own process groups), which a SIGKILL of npm would orphan.
  try {
    process.kill(-stack.pid, 'SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    process.kill(-stack.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  process.exit(1);
};
const timer = setTimeout(() => void fail('no curl printed within 180 s'), 180_000);

const curl = await new Promise((resolve) => {
  stack.stdout.on('data', (chunk) => {
    output += chunk.toString();
    const match = output.match(/\ncurl [\s\S]*?-d '[^']*'\n/);
    if (match && !printed) {
      printed = true;
      resolve(match[0].trim());
    }
  });
  void exited.then((code) => printed || void fail(`npm start exited (code ${code}) before printing a curl`));
});
clearTimeout(timer);
const readyMs = Date.now() - started;
// The lines after the curl: the demo member's hikers that Circle's relations must keep out of the answer.
for (let waited = 0; !output.includes('the token is valid') && waited < 5000; waited += 50)
  await new Promise((r) => setTimeout(r, 50));
const hidden = /keep them out of the answer \(ids ([^)]*)\)/.exec(output)?.[1]?.split(',') ?? [];
if (hidden.length === 0) await fail('npm start named no blocked, befriended or passed hiker of the demo member');

const result = spawnSync('bash', ['-c', `${curl.replace(/\\\n/g, ' ')} -w '\\n%{http_code}'`], { encoding: 'utf8' });
const [body, status] = [
  result.stdout.slice(0, result.stdout.lastIndexOf('\n')),
  result.stdout.slice(result.stdout.lastIndexOf('\n') + 1),
];
let answer;
try {
  answer = JSON.parse(body);
} catch {
  await fail(`the printed curl answered ${status} with non-JSON: ${body.slice(0, 200)}`);
}
if (status !== '200' || answer.success !== true || !Array.isArray(answer.matches) || answer.matches.length === 0) {
  await fail(`the printed curl answered ${status}: ${body.slice(0, 300)}`);
}
if (answer.matches.some((m) => 'latitude' in m || 'longitude' in m)) await fail('a public match carries coordinates');
// The demo asks for hikers: those who answer the ask come first, before anyone who does not (docs/semantics.md).
const answering = answer.matches.map((m) => m.explanation?.matches_request === true);
if (!answering[0] || answering.some((a, i) => a && !answering[i - 1] && i > 0)) {
  await fail(
    `the demo search for hikers does not put hikers first: ${answer.matches.map((m) => `${m.name} (${m.interests.join(', ')})`).join('; ')}`,
  );
}
const shown = answer.matches.filter((m) => hidden.includes(m.id));
if (shown.length > 0)
  await fail(
    `the answer shows a member the demo member blocked, befriended or passed on: ${shown.map((m) => m.name).join(', ')}`,
  );

process.kill(-stack.pid, 'SIGINT'); // what a terminal's Ctrl-C sends to the whole foreground group
const stopTimer = setTimeout(() => void fail('the stack did not stop within 30 s of Ctrl-C'), 30_000);
await exited;
clearTimeout(stopTimer);
// Each service drained once: one SIGTERM from the stack, never the terminal's SIGINT on top (a warning, then exit 1).
if (output.includes('second signal')) await fail('Ctrl-C reached a service twice: it exited without draining');
const names = answer.matches
  .map((m) => `${m.name} (${m.interests.join(', ')}; ${m.distance_km} km, ${m.match_score})`)
  .join('; ');
process.stdout.write(
  `check-start: ok: ready in ${readyMs} ms; the printed curl answered 200 with ${answer.matches.length} matches: ${names}; ${hidden.length} related hikers left out\n`,
);
process.exit(0);
