import { categoryOf, RELATED_STRENGTH, SAME_CATEGORY_STRENGTH, type NormalisedTag } from '../lexicon.js';
import { conceptTerm, hasTerm, knownTermId, type BioTerms, type TagSet } from '../features.js';
import type { RelationshipIntent } from '../lexicon-data.js';
import type { PromptTopic } from '../prompt-parser.js';

/** Where a topic is found counts differently: a tagged interest says more than a passing word in a bio. */
export const PROMPT_FIELD_WEIGHT = { interests: 1, needs: 0.8, bio: 0.6 } as const;

/** Coverage below this is counted in the score but not claimed as a match in the explanation. */
export const CLAIMED_MATCH_THRESHOLD = 0.5;

/** How well one tag covers one topic, in [0, 1]. Keywords outside the lexicon match whole tag words only. */
function tagCoverage(topic: PromptTopic, tag: NormalisedTag): number {
  if (topic.refs.length === 0) return tag.stems.has(topic.key) ? 1 : 0;
  let best = 0;
  for (const ref of topic.refs) {
    let s = 0;
    if (tag.concepts.has(ref.id)) s = 1;
    else if (tag.related.has(ref.id)) s = RELATED_STRENGTH;
    else if (tag.categories.has(categoryOf(ref.id) ?? '')) s = SAME_CATEGORY_STRENGTH;
    best = Math.max(best, s * ref.strength);
  }
  return best;
}

/**
 * Prompt factor (weight 0.15): the mean coverage of the prompt's topics and relationship intents by a candidate's
 * interests, needs and bio, matched as whole words or lexicon concepts, never substrings ("art" is not in "start").
 * One matcher serves one request and remembers each distinct tag's coverage. Build it after the candidates' bios
 * are read (toBioTerms): a search word no bio had used by then matches no bio.
 */
export class PromptMatcher {
  /** Per tag: coverage of each topic, then 1/0 for each intent the tag names. */
  private readonly rows = new Map<NormalisedTag, Float64Array>();
  /** Per topic, the numbers (knownTermId) of its stems, and of its concepts with their strength. */
  private readonly topicStems: number[][];
  private readonly topicConceptTerms: Array<Array<{ id: number; strength: number }>>;
  private readonly intentTerms: number[];
  private readonly fromInterests: Float64Array;
  private readonly fromNeeds: Float64Array;

  constructor(
    private readonly topics: readonly PromptTopic[],
    private readonly intents: readonly RelationshipIntent[],
  ) {
    this.topicStems = topics.map((t) => t.key.split(' ').map(knownTermId));
    this.topicConceptTerms = topics.map((t) => t.refs.map((r) => ({ id: knownTermId(conceptTerm(r.id)), strength: r.strength })));
    this.intentTerms = intents.map((intent) => knownTermId(conceptTerm(intent)));
    this.fromInterests = new Float64Array(topics.length + intents.length);
    this.fromNeeds = new Float64Array(topics.length + intents.length);
  }

  get available(): boolean {
    return this.topics.length + this.intents.length > 0;
  }

  private row(tag: NormalisedTag): Float64Array {
    let row = this.rows.get(tag);
    if (!row) {
      row = new Float64Array(this.topics.length + this.intents.length);
      this.topics.forEach((topic, i) => (row![i] = tagCoverage(topic, tag)));
      this.intents.forEach((intent, k) => (row![this.topics.length + k] = tag.concepts.has(intent) ? 1 : 0));
      this.rows.set(tag, row);
    }
    return row;
  }

  private best(tags: TagSet, into: Float64Array): Float64Array {
    into.fill(0);
    for (const tag of tags) {
      const row = this.row(tag);
      for (let i = 0; i < row.length; i++) if ((row[i] ?? 0) > (into[i] ?? 0)) into[i] = row[i] ?? 0;
    }
    return into;
  }

  private bioCoverage(i: number, bio: BioTerms): number {
    if ((this.topicStems[i] ?? []).every((id) => hasTerm(bio, id))) return 1;
    let best = 0;
    for (const { id, strength } of this.topicConceptTerms[i] ?? []) if (hasTerm(bio, id)) best = Math.max(best, strength);
    return best;
  }

  /** Coverage in [0, 1]. With `matched`, also collects the prompt's words covered, as the member wrote them. */
  similarity(candidate: { interests: TagSet; needs: TagSet; bio: BioTerms }, matched?: string[]): number {
    const items = this.topics.length + this.intents.length;
    if (items === 0) return 0;
    const interests = this.best(candidate.interests, this.fromInterests);
    const needs = this.best(candidate.needs, this.fromNeeds);
    let sum = 0;
    for (let i = 0; i < this.topics.length; i++) {
      const s = Math.max(
        PROMPT_FIELD_WEIGHT.interests * (interests[i] ?? 0),
        PROMPT_FIELD_WEIGHT.needs * (needs[i] ?? 0),
        PROMPT_FIELD_WEIGHT.bio * this.bioCoverage(i, candidate.bio),
      );
      sum += s;
      if (matched && s >= CLAIMED_MATCH_THRESHOLD) matched.push(this.topics[i]?.label ?? '');
    }
    this.intents.forEach((intent, k) => {
      // A relationship intent is covered by the same need, or less so by a bio that names it.
      const s = (needs[this.topics.length + k] ?? 0) > 0 ? 1 : hasTerm(candidate.bio, this.intentTerms[k] ?? -1) ? PROMPT_FIELD_WEIGHT.bio : 0;
      sum += s;
      if (matched && s >= CLAIMED_MATCH_THRESHOLD) matched.push(intent);
    });
    return sum / items;
  }
}
