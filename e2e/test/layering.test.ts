import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from './stack.js';

/**
 * One seam style in both apps (docs/architecture.md): the domain owns the ports it calls (domain/ports.ts), and
 * data-access/ and index/ implement them; entry points (routes, guards) depend on the domain, never on an
 * implementation. Only the wiring (main.ts, service.ts, app.ts) knows both sides.
 */
function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gms)].map((m) => m[1]!);
}

const RULES: Array<{ layer: string; mayNotImport: RegExp }> = [
  { layer: 'domain', mayNotImport: /\/(data-access|index|entry-points)\// },
  { layer: 'entry-points', mayNotImport: /\/(data-access|index)\// },
];

describe('layering of the two apps', () => {
  for (const app of ['matching', 'gateway']) {
    for (const { layer, mayNotImport } of RULES) {
      it(`when ${app}'s ${layer} imports, then never from ${mayNotImport.source.replace(/\\/g, '')}`, () => {
        const files = sourcesUnder(join(REPO, 'apps', app, 'src', layer));
        expect(files.length).toBeGreaterThan(0);
        const crossings = files.flatMap((file) =>
          importsOf(file)
            .filter((spec) => spec.startsWith('.') && mayNotImport.test(`/${spec.replace(/^(\.\.?\/)+/, '')}`))
            .map((spec) => `${relative(REPO, file)} → ${spec}`),
        );
        expect(crossings).toEqual([]);
      });
    }
  }

  it('when the domain declares its ports, then the implementations say they implement them', () => {
    const implemented = (file: string) => readFileSync(join(REPO, file), 'utf8');
    expect(implemented('apps/matching/src/data-access/member-repository.ts')).toMatch(
      /class MemberRepository implements MemberSource/,
    );
    expect(implemented('apps/gateway/src/data-access/matching-client.ts')).toMatch(
      /class MatchingClient implements MatchingPort/,
    );
    expect(implemented('apps/gateway/src/data-access/session-revocations.ts')).toMatch(
      /class RedisSessionRevocations implements SessionRevocations/,
    );
  });
});
