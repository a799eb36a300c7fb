import {
  categoryOf,
  conceptBits,
  LEARNED_STRENGTH,
  PART_OF_NAME_STRENGTH,
  phraseKey,
  RELATED_STRENGTH,
  SAME_CATEGORY_STRENGTH,
  SYNONYM_STRENGTH,
  type NormalisedTag,
} from '../lexicon.js';
import { conceptTerm, hasTermIn } from '../features.js';
import type { TermDictionary } from '../terms.js';
import type { RelationshipIntent } from '../lexicon-data.js';
import type { PromptTopic } from '../prompt-parser.js';
import type { TagTable } from './tag-set.js';

/** Where a topic is found counts differently: a tagged interest says more than a passing word in a bio. */
export const PROMPT_FIELD_WEIGHT = { interests: 1, needs: 0.8, bio: 0.6 } as const;

/** Coverage below this is counted in the score but not claimed as a match in the explanation. */
export const CLAIMED_MATCH_THRESHOLD = 0.5;

/** A topic's general synonyms as stem lists. */
function synonymStems(topic: PromptTopic): string[][] {
  return (topic.synonyms ?? [])
    .map((s) =>
      phraseKey(s)
        .split(' ')
        .filter((w) => w !== ''),
    )
    .filter((w) => w.length > 0);
}

/** A topic made ready to be tested against many tags: its synonyms' stems, its concepts' places in the tags' masks. */
interface PreparedTopic {
  key: string;
  /** Whether tags using the word itself match (a word the lexicon does not know, expanded or not). */
  byWord: boolean;
  synonyms: string[][];
  refs: Array<{ id: string; strength: number; bits: ReturnType<typeof conceptBits>; category: string }>;
}

function prepareTopic(topic: PromptTopic): PreparedTopic {
  return {
    key: topic.key,
    byWord: topic.refs.length === 0 || topic.synonyms !== undefined,
    synonyms: synonymStems(topic),
    refs: topic.refs.map((ref) => ({
      id: ref.id,
      strength: ref.strength,
      bits: conceptBits(ref.id),
      category: categoryOf(ref.id) ?? '',
    })),
  };
}

/** Everything tagCoverage reads of a topic, as a key of the index's TagMemo: equal keys, equal coverage. */
function memoKey(topic: PreparedTopic): string {
  const refs = topic.refs.map((ref) => `${ref.id}:${ref.strength}`).join(' ');
  return `topic ${topic.key}|${topic.byWord ? 1 : 0}|${topic.synonyms.map((stems) => stems.join(' ')).join(',')}|${refs}`;
}

/**
 * How well one tag covers one topic, in [0, 1]. Keywords outside the lexicon match whole tag words only; their
 * general synonyms match at SYNONYM_STRENGTH when the tag has all of a synonym's words. Concepts are tested by bit
 * in the tag's masks (a tag is tested once per request, but a pool holds hundreds of distinct tags).
 */
function tagCoverage(topic: PreparedTopic, tag: NormalisedTag): number {
  // A word the lexicon does not know (expanded or not) matches tags that use it — fully when the tag is about the
  // word, weakly when the word is part of a concept's name ("home" of "home cooking" is not about home).
  let best = 0;
  if (topic.byWord && tag.stems.has(topic.key)) {
    if (!tag.namesConcept || tag.stems.size === 1) return 1;
    best = PART_OF_NAME_STRENGTH;
  }
  for (const stems of topic.synonyms) if (stems.every((w) => tag.stems.has(w))) best = SYNONYM_STRENGTH;
  for (const ref of topic.refs) {
    let s = 0;
    const bits = ref.bits;
    if (bits !== null) {
      if ((tag.conceptMask[bits.word]! & bits.bit) !== 0) s = 1;
      else if ((tag.relatedMask[bits.word]! & bits.bit) !== 0) s = RELATED_STRENGTH;
      else if (tag.looseMask !== undefined && (tag.looseMask[bits.word]! & bits.bit) !== 0) s = LEARNED_STRENGTH;
      else if (bits.categoryBit >= 0 && (tag.categoryMask & (1 << bits.categoryBit)) !== 0) s = SAME_CATEGORY_STRENGTH;
    } else if (tag.concepts.has(ref.id)) s = 1;
    else if (tag.related.has(ref.id)) s = RELATED_STRENGTH;
    else if (tag.loose?.has(ref.id)) s = LEARNED_STRENGTH;
    else if (tag.categories.has(ref.category)) s = SAME_CATEGORY_STRENGTH;
    best = Math.max(best, s * ref.strength);
  }
  return best;
}

/**
 * Whether coverage of a topic (unweighted, by interests, needs and bio) answers it: its concept or a related one —
 * not a merely similar category (docs/semantics.md "The ask comes first").
 */
function answersTopic(interests: number, needs: number, bio: number): boolean {
  return Math.max(interests, needs, bio) >= RELATED_STRENGTH;
}

/** Where one candidate's lists sit: tags (numbers in the tag table) in `tags`, bio term ids in `terms`. */
export interface CandidateLists {
  tags: Int32Array;
  interests: number;
  interestCount: number;
  needs: number;
  needCount: number;
  terms: Int32Array;
  bio: number;
  bioCount: number;
}

/**
 * Prompt factor (weight 0.15): the mean coverage of the prompt's topics and relationship intents by a candidate's
 * interests, needs and bio, matched as whole words or lexicon concepts, never substrings ("art" is not in "start").
 * One matcher serves one request; each tag's coverage of a topic is read from the index's TagMemo, which keeps it
 * across requests. Search words are looked up in the dictionary that numbered the candidates' bios: one no bio holds
 * matches no bio.
 */
export class PromptMatcher {
  private readonly width: number;
  /** The topics made ready for tags (prepareTopic). */
  private readonly prepared: PreparedTopic[];
  /** Per topic, then per intent, its value for each tag of the index (TagMemo rows): coverage, 1/0 intent named. */
  private readonly columns: Float64Array[];
  private readonly tags: readonly NormalisedTag[];
  /** Per topic, the numbers (TermDictionary.known) of its stems, and of its concepts with their strength. */
  private readonly topicStems: number[][];
  /** Per topic, its general synonyms as term-number lists (all of one in a bio: SYNONYM_STRENGTH). */
  private readonly topicSynonymTerms: number[][][];
  private readonly topicConceptTerms: Array<Array<{ id: number; strength: number }>>;
  private readonly intentTerms: number[];
  private readonly fromInterests: Float64Array;
  private readonly fromNeeds: Float64Array;
  /** Per topic, the last candidate's coverage by bio (bioCoverage). */
  private readonly fromBio: Float64Array;
  /** Where `similarity` has similarityInto write. */
  private readonly result = new Float64Array(1);

  constructor(
    terms: TermDictionary,
    table: TagTable,
    private readonly topics: readonly PromptTopic[],
    private readonly intents: readonly RelationshipIntent[],
  ) {
    this.tags = table.tags;
    this.prepared = topics.map(prepareTopic);
    this.columns = [
      ...this.prepared.map((topic) => table.memo.row(memoKey(topic))),
      ...intents.map((intent) => table.memo.row(`intent ${intent}`)),
    ];
    this.topicStems = topics.map((t) => t.key.split(' ').map((stem) => terms.known(stem)));
    this.topicSynonymTerms = this.prepared.map((t) =>
      t.synonyms.map((stems) => stems.map((stem) => terms.known(stem))),
    );
    this.topicConceptTerms = topics.map((t) =>
      t.refs.map((r) => ({ id: terms.known(conceptTerm(r.id)), strength: r.strength })),
    );
    this.intentTerms = intents.map((intent) => terms.known(conceptTerm(intent)));
    this.width = this.columns.length;
    this.fromInterests = new Float64Array(this.width);
    this.fromNeeds = new Float64Array(this.width);
    this.fromBio = new Float64Array(topics.length);
  }

  get available(): boolean {
    return this.width > 0;
  }

  /** Column `k`'s value for tag `tag`: a topic's coverage by it, or 1 when it names an intent. */
  private valueOf(k: number, tag: number): number {
    const normalised = this.tags[tag]!;
    if (k < this.prepared.length) return tagCoverage(this.prepared[k]!, normalised);
    return normalised.concepts.has(this.intents[k - this.prepared.length]!) ? 1 : 0;
  }

  private best(lists: Int32Array, from: number, count: number, into: Float64Array): Float64Array {
    into.fill(0);
    for (let t = from; t < from + count; t++) {
      const tag = lists[t]!;
      for (let k = 0; k < this.width; k++) {
        const column = this.columns[k]!;
        let value = column[tag]!;
        if (value !== value) value = column[tag] = this.valueOf(k, tag); // NaN: not computed yet
        if (value > into[k]!) into[k] = value;
      }
    }
    return into;
  }

  /** Whether the candidate's bio holds every one of the term numbers `ids`. */
  private bioHasAll(ids: readonly number[], c: CandidateLists): boolean {
    for (let k = 0; k < ids.length; k++) if (!hasTermIn(c.terms, c.bio, c.bioCount, ids[k]!)) return false;
    return true;
  }

  /**
   * Topic `i`'s coverage by the candidate's bio, written to `fromBio[i]` (a number returned would be a heap object
   * per candidate and topic: similarityInto). Plain loops, no closures, for the same reason.
   */
  private bioCoverage(i: number, c: CandidateLists): void {
    this.fromBio[i] = this.bioCoverageOf(i, c);
  }

  private bioCoverageOf(i: number, c: CandidateLists): number {
    if (this.bioHasAll(this.topicStems[i]!, c)) return 1;
    let best = 0;
    const concepts = this.topicConceptTerms[i]!;
    for (let k = 0; k < concepts.length; k++)
      if (hasTermIn(c.terms, c.bio, c.bioCount, concepts[k]!.id)) best = Math.max(best, concepts[k]!.strength);
    const synonyms = this.topicSynonymTerms[i]!;
    for (let k = 0; k < synonyms.length && best < SYNONYM_STRENGTH; k++)
      if (this.bioHasAll(synonyms[k]!, c)) best = SYNONYM_STRENGTH;
    return best;
  }

  /**
   * Whether the candidate answers at least one topic (docs/semantics.md "The ask comes first"): the topic's concept or a
   * related one in their interests or needs, or its words or concept in their bio — not a merely similar category,
   * and never a topic that selects nobody (PromptTopic.selects).
   * With `matched`, collects the topics answered, as the member wrote them.
   */
  answers(c: CandidateLists, matched?: string[]): boolean {
    if (this.topics.length === 0) return false;
    const interests = this.best(c.tags, c.interests, c.interestCount, this.fromInterests);
    const needs = this.best(c.tags, c.needs, c.needCount, this.fromNeeds);
    let any = false;
    for (let i = 0; i < this.topics.length; i++) {
      if (this.topics[i]!.selects === false) continue;
      this.bioCoverage(i, c);
      if (!answersTopic(interests[i]!, needs[i]!, this.fromBio[i]!)) continue;
      any = true;
      if (!matched) return true;
      const topic = this.topics[i]!;
      matched.push(topic.note ? `${topic.label} (${topic.note})` : topic.label);
    }
    return any;
  }

  /**
   * Whether the candidate of the last `similarity` call answers one of the topics (as `answers` would say): the
   * ranking reuses it when the request asks for exactly the prompt's topics, instead of a second pass.
   */
  answeredLast = false;

  /** Coverage in [0, 1]. With `matched`, also collects the prompt's words covered, as the member wrote them. */
  similarity(c: CandidateLists, matched?: string[]): number {
    this.similarityInto(this.result, 0, c, matched);
    return this.result[0]!;
  }

  /**
   * The coverage written to `out[at]`, as the ranking asks for every candidate: a number returned from a call the
   * optimiser did not inline is a heap object (TagSetMatcher.similarityInto).
   */
  similarityInto(out: Float64Array, at: number, c: CandidateLists, matched?: string[]): void {
    this.answeredLast = false;
    if (this.width === 0) {
      out[at] = 0;
      return;
    }
    const interests = this.best(c.tags, c.interests, c.interestCount, this.fromInterests);
    const needs = this.best(c.tags, c.needs, c.needCount, this.fromNeeds);
    let sum = 0;
    for (let i = 0; i < this.topics.length; i++) {
      this.bioCoverage(i, c);
      const bio = this.fromBio[i]!;
      if (this.topics[i]!.selects !== false && answersTopic(interests[i]!, needs[i]!, bio)) this.answeredLast = true;
      const s = Math.max(
        PROMPT_FIELD_WEIGHT.interests * interests[i]!,
        PROMPT_FIELD_WEIGHT.needs * needs[i]!,
        PROMPT_FIELD_WEIGHT.bio * bio,
      );
      sum += s;
      if (matched) {
        // A learned association ranks below the claim threshold; it is still said, with where it was learned.
        const topic = this.topics[i]!;
        if (s >= CLAIMED_MATCH_THRESHOLD) matched.push(topic.label);
        else if (topic.note !== undefined && s >= LEARNED_STRENGTH) matched.push(`${topic.label} (${topic.note})`);
      }
    }
    for (let k = 0; k < this.intents.length; k++) {
      // A relationship intent is covered by the same need, or less so by a bio that names it.
      const s =
        needs[this.topics.length + k]! > 0
          ? 1
          : hasTermIn(c.terms, c.bio, c.bioCount, this.intentTerms[k] ?? -1)
            ? PROMPT_FIELD_WEIGHT.bio
            : 0;
      sum += s;
      if (matched && s >= CLAIMED_MATCH_THRESHOLD) matched.push(this.intents[k]!);
    }
    out[at] = sum / this.width;
  }
}
