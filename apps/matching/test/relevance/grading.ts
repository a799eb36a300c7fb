import type { Match } from '@circle-match/contracts';
import { RELATED_TOPICS, type Persona, type WorldMember } from './persona-world.js';
import type { RelevanceQuery } from './queries.js';

export const K = 10;
/** A grade at or above this counts as relevant for precision. */
export const RELEVANT = 2;

function haversineKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** docs/semantics.md's default distance when the searcher has a location and asks none. */
const DEFAULT_KM = 50;

/**
 * Whether the member may answer the query at all, by what the query says (exact distances: the world's neighbourhoods
 * lie far from every distance the set asks, so the service's ~1 km grid cannot disagree).
 */
export function satisfies(query: RelevanceQuery, searcher: WorldMember, member: WorldMember): boolean {
  const c = query.constraints ?? {};
  const p = member.profile;
  if (member.persona.hidden || p.id === searcher.profile.id) return false;
  if (c.gender && p.gender !== c.gender) return false;
  if (c.age && (p.age === null || p.age < c.age[0] || p.age > c.age[1])) return false;
  const km = haversineKm(
    searcher.profile as { latitude: number; longitude: number },
    p as { latitude: number; longitude: number },
  );
  return km <= (c.km ?? DEFAULT_KM);
}

function topicGrade(persona: Persona, topics: readonly string[]): number {
  if (topics.includes(persona.passion) || persona.casual.some((t) => topics.includes(t))) return 3;
  const related = [persona.passion, ...persona.casual].flatMap((t) => RELATED_TOPICS[t] ?? []);
  return related.some((t) => topics.includes(t)) ? 1 : 0;
}

/**
 * The grade (0–3) of a member for a query, by meaning: the asked topic is theirs (their passion or an interest they
 * list) 3, a related one 1. A held-out name: the passion and the name 3, the passion without it 2, a listed interest 1.
 * Asked needs: one less without them (asked alone, 3 or 0).
 */
export function grade(query: RelevanceQuery, member: WorldMember): number {
  const { topics = [], names = [], needs = [] } = query.asks;
  const persona = member.persona;
  let g = 3;
  if (topics.length > 0) {
    g = topicGrade(persona, topics);
    if (names.length > 0) {
      const named = persona.name !== null && names.includes(persona.name);
      const passion = topics.includes(persona.passion);
      g = g === 3 ? (named ? 3 : passion ? 2 : 1) : 0;
    }
  }
  if (needs.length > 0 && !persona.needs.some((n) => needs.includes(n))) g = topics.length > 0 ? Math.max(0, g - 1) : 0;
  return g;
}

const dcg = (gains: readonly number[]): number => gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

export interface QueryResult {
  ndcg: number;
  precision: number;
  /** Answers the query's constraints or the product's hidden-member rule forbid. */
  violations: number;
}

/** NDCG@K and P@K of an answer, against the ideal order of every member who may answer. */
export function evaluate(
  query: RelevanceQuery,
  searcher: WorldMember,
  world: readonly WorldMember[],
  answer: readonly string[],
): QueryResult {
  const byId = new Map(world.map((m) => [m.profile.id, m]));
  const allowed = world.filter((m) => satisfies(query, searcher, m));
  const ideal = allowed
    .map((m) => grade(query, m))
    .sort((a, b) => b - a)
    .slice(0, K);
  const top = answer.slice(0, K).map((id) => byId.get(id)!);
  const violations = answer.filter((id) => !satisfies(query, searcher, byId.get(id)!)).length;
  const gains = top.map((m) => (satisfies(query, searcher, m) ? grade(query, m) : 0));
  const idcg = dcg(ideal);
  return {
    ndcg: idcg === 0 ? 1 : dcg(gains) / idcg,
    precision: gains.filter((g) => g >= RELEVANT).length / K,
    violations,
  };
}

/** One query's answer, each member with their grade and persona: what a person reads to see why a query scores low. */
export function explainAnswer(
  query: RelevanceQuery,
  searcher: WorldMember,
  world: readonly WorldMember[],
  answer: readonly Match[],
): string {
  const byId = new Map(world.map((m) => [m.profile.id, m]));
  const ideal = world.filter((m) => satisfies(query, searcher, m)).map((m) => grade(query, m));
  const count = (g: number): number => ideal.filter((x) => x === g).length;
  const lines = answer.map((m) => {
    const member = byId.get(m.id)!;
    const { passion, voicing } = member.persona;
    return `  g${grade(query, member)} answers=${m.explanation.matches_request} score ${m.match_score.toFixed(1)} prompt ${m.explanation.factors.prompt.points.toFixed(1)}  ${passion} (${voicing}) ${JSON.stringify(m.interests)} ${m.bio}`;
  });
  const asker = `${JSON.stringify(searcher.profile.interests)} ${searcher.profile.about}`;
  return `\n${query.prompt ?? ''} ${JSON.stringify(query.preferences ?? {})} from ${asker}\n  may answer: ${count(3)} grade 3, ${count(2)} grade 2, ${count(1)} grade 1\n${lines.join('\n')}\n`;
}
