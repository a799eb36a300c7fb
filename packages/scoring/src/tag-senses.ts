import { LEARNED_STRENGTH, normaliseTag, withConcepts, type ConceptRef, type NormalisedTag } from './lexicon.js';

/**
 * What one community means by a tag the lexicon files elsewhere: "backpacking" is hiking to the lexicon (and to
 * WordNet), but members who write it may be budget travellers who show no other sign of hiking. Learned from the
 * members' profiles (the candidate index's LearnedVocabulary), never written by hand.
 */
export interface TagSense {
  /** The tag's stem key ("backpack"). */
  key: string;
  /** The concepts its members bear out, which the tag names from now on. */
  concepts: readonly string[];
  /** The lexicon's concepts for it that they do not: counted at LEARNED_STRENGTH, never answering the ask. */
  loose: readonly string[];
  /** Members whose profiles taught it (those using the tag who show the first concept elsewhere). */
  members: number;
}

/**
 * The tag senses of one index (docs/semantics.md "Open vocabulary"): how its members' tags, the requester's and the
 * words of a request that are such a tag are read, so that all three mean the same. Immutable; NONE reads every
 * tag by the lexicon alone.
 */
export class TagSenses {
  static readonly NONE = new TagSenses([]);

  private readonly byKey: ReadonlyMap<string, TagSense>;

  constructor(senses: readonly TagSense[]) {
    this.byKey = new Map(senses.map((sense) => [sense.key, sense]));
  }

  get size(): number {
    return this.byKey.size;
  }

  get all(): readonly TagSense[] {
    return [...this.byKey.values()];
  }

  senseOf(key: string): TagSense | undefined {
    return this.byKey.get(key);
  }

  /** A tag as this community reads it. */
  read(raw: string): NormalisedTag {
    return this.apply(normaliseTag(raw));
  }

  /** A tag read by the lexicon, with this community's sense when it has one. */
  apply(tag: NormalisedTag): NormalisedTag {
    const sense = this.byKey.get(tag.key);
    return sense ? withConcepts(tag, sense.concepts, sense.loose) : tag;
  }

  /** A request's word that is such a tag: its sense's concepts in full, the lexicon's loosely. */
  static refsOf(sense: TagSense): ConceptRef[] {
    return [
      ...sense.concepts.map((id) => ({ id, strength: 1 })),
      ...sense.loose.map((id) => ({ id, strength: LEARNED_STRENGTH })),
    ];
  }
}

/** How a sense is explained in a match's reasons: "travel, learned from 214 members' profiles". */
export function senseNote(sense: TagSense): string {
  return `${sense.concepts.join(', ')}, learned from ${sense.members} members' profiles`;
}
