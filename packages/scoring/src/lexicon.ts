import { INTENT_CONCEPTS, TOPIC_CONCEPTS, type ConceptSpec } from './lexicon-data.js';
import { isContentWord, stem, words } from './text.js';

/** How much a related word ("mountains") counts towards a concept ("hiking") compared with a synonym. */
export const RELATED_STRENGTH = 0.5;
/** How much two different concepts of one category ("camping", "hiking") count as alike. */
export const SAME_CATEGORY_STRENGTH = 0.3;
/** A general synonym (WordNet) of a word the lexicon does not know, against the word itself (1). */
export const SYNONYM_STRENGTH = 0.8;
/**
 * A concept learned to go with an unknown word across members' profiles. Weaker than a related word of the lexicon:
 * it ranks (prompt points, the pool) but does not answer the ask — the members who write the word itself do.
 */
export const LEARNED_STRENGTH = 0.45;
/** A word that is only part of a tag naming a concept ("home" of "home cooking"): it ranks, it does not answer. */
export const PART_OF_NAME_STRENGTH = 0.3;

export interface ConceptRef {
  id: string;
  strength: number;
}

/** A run of words of a text that names one or more concepts. */
export interface ConceptMention {
  /** The words as written (lower-case), e.g. "rock climbing". */
  surface: string;
  /** The stems, space-separated: the key the lexicon is indexed by. */
  key: string;
  refs: readonly ConceptRef[];
}

/** A profile tag (an interest or a need) reduced to what it means. */
export interface NormalisedTag {
  raw: string;
  key: string;
  /** Concepts the tag names outright; an unknown tag stands for itself as `tag:<key>`. */
  concepts: ReadonlySet<string>;
  /** Concepts the tag is only related to. */
  related: ReadonlySet<string>;
  /**
   * Concepts the lexicon gives the tag but the members who use it do not bear out (TagSenses): they count at
   * LEARNED_STRENGTH, like a learned association, and never answer the ask. Absent for a tag read by the lexicon alone.
   */
  loose?: ReadonlySet<string>;
  /** The same as a bit mask. */
  looseMask?: Uint32Array;
  categories: ReadonlySet<string>;
  /** Stems of the tag's words, for keywords the lexicon does not know. */
  stems: ReadonlySet<string>;
  /** Whether the tag names lexicon concepts ("home cooking"): its words are then a name, not what it is about. */
  namesConcept: boolean;
  /** The same concepts, related concepts and categories as bit masks, for the hot pairwise comparison. */
  conceptMask: Uint32Array;
  relatedMask: Uint32Array;
  categoryMask: number;
}

const formIndex = new Map<string, string[]>();
const refsByKey = new Map<string, readonly ConceptRef[]>();
const NO_REFS: readonly ConceptRef[] = Object.freeze([]);
const relatedIndex = new Map<string, string[]>();
const categories = new Map<string, string>();
/** For each stem that starts a phrase of the lexicon, the most words such a phrase has. */
const longestPhraseFrom = new Map<string, number>();

function addTo(index: Map<string, string[]>, key: string, id: string): void {
  if (key === '') return;
  const ids = index.get(key);
  if (!ids) index.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
  const stems = key.split(' ');
  const first = stems[0] ?? '';
  longestPhraseFrom.set(first, Math.max(longestPhraseFrom.get(first) ?? 1, stems.length));
}

const conceptBit = new Map<string, number>();
const categoryBit = new Map<string, number>();

const specs = new Map<string, ConceptSpec>();

function indexConcept(spec: ConceptSpec): void {
  specs.set(spec.id, spec);
  categories.set(spec.id, spec.category);
  conceptBit.set(spec.id, conceptBit.size);
  if (!categoryBit.has(spec.category)) categoryBit.set(spec.category, categoryBit.size);
  for (const form of [spec.id, ...spec.forms]) if (keepsItsMeaning(form)) addTo(formIndex, phraseKey(form), spec.id);
  for (const word of spec.related ?? []) if (keepsItsMeaning(word)) addTo(relatedIndex, phraseKey(word), spec.id);
}

/**
 * Whether a phrase still says what it says once its stop words are gone: "working out" keyed as its one content
 * word would make everyone who mentions "work" a gym-goer, "formula 1" everyone who writes "formula" a racing fan.
 */
function keepsItsMeaning(phrase: string): boolean {
  return phrase.trim().split(/\s+/).length === 1 || phraseKey(phrase).split(' ').length > 1;
}

/** The lexicon key of a phrase: stems of its content words, space-separated. */
export function phraseKey(text: string): string {
  return contentWords(text)
    .map((w) => stem(w))
    .join(' ');
}

function contentWords(text: string): string[] {
  return words(text).filter(isContentWord);
}

for (const spec of [...TOPIC_CONCEPTS, ...INTENT_CONCEPTS]) indexConcept(spec);
for (const key of new Set([...formIndex.keys(), ...relatedIndex.keys()]))
  refsByKey.set(key, Object.freeze(buildRefs(key)));
if (categoryBit.size > 32) throw new Error('the lexicon has more than 32 categories: widen categoryMask');
const MASK_WORDS = Math.ceil(conceptBit.size / 32);

function maskOf(ids: Iterable<string>): Uint32Array {
  const mask = new Uint32Array(MASK_WORDS);
  for (const id of ids) {
    const bit = conceptBit.get(id);
    if (bit !== undefined) mask[bit >>> 5]! |= 1 << (bit & 31);
  }
  return mask;
}

function intersects(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i]! & b[i]!) !== 0) return true;
  return false;
}

export function categoryOf(conceptId: string): string | undefined {
  return categories.get(conceptId);
}

/**
 * Where a concept is in NormalisedTag's bit masks: its word and bit in conceptMask / relatedMask / looseMask and its
 * category's bit in categoryMask (-1: none); null for an id the masks do not hold ("tag:…").
 */
export function conceptBits(conceptId: string): { word: number; bit: number; categoryBit: number } | null {
  const index = conceptBit.get(conceptId);
  if (index === undefined) return null;
  const category = categories.get(conceptId);
  const categoryIndex = category === undefined ? undefined : categoryBit.get(category);
  return { word: index >>> 5, bit: 1 << (index & 31), categoryBit: categoryIndex === undefined ? -1 : categoryIndex };
}

export function isIntentConcept(conceptId: string): boolean {
  return categories.get(conceptId) === 'intent';
}

/** Concepts a lexicon key names: synonyms at full strength, related words at RELATED_STRENGTH. */
export function conceptsOfKey(key: string): readonly ConceptRef[] {
  return refsByKey.get(key) ?? NO_REFS;
}

function buildRefs(key: string): ConceptRef[] {
  const refs: ConceptRef[] = [];
  for (const id of formIndex.get(key) ?? []) refs.push({ id, strength: 1 });
  for (const id of relatedIndex.get(key) ?? []) {
    if (!refs.some((r) => r.id === id)) refs.push({ id, strength: RELATED_STRENGTH });
  }
  return refs;
}

/** Called for each run of stems the scan recognises: `length` stems from `start`, naming `refs` (maybe none). */
export type MentionVisitor = (start: number, length: number, key: string, refs: readonly ConceptRef[]) => void;

const ACTIVITY_PARTNER = 'activity partner';
const ACTIVITY_PARTNER_REFS: readonly ConceptRef[] = Object.freeze([{ id: ACTIVITY_PARTNER, strength: 1 }]);
const PARTNER_STEMS = new Set(['buddi', 'partner', 'mate', 'companion', 'pal']);

/** "hiking buddy", "tennis partners": an activity followed by a partner word asks for an activity partner. */
function activityBeforePartnerWord(stems: readonly string[], i: number): ConceptRef[] | null {
  const next = stems[i + 1];
  if (next === undefined || !PARTNER_STEMS.has(next)) return null;
  const refs = conceptsOfKey(stems[i] ?? '').filter((r) => r.strength === 1 && !isIntentConcept(r.id));
  return refs.length > 0 ? refs : null;
}

/**
 * Scans stems of content words for lexicon phrases, longest match first, so "rock climbing" is climbing and not
 * rock music. Every stem is visited once, as part of a phrase or alone (with no refs when it names nothing).
 */
export function scanStems(stems: readonly string[], visit: MentionVisitor): void {
  let i = 0;
  while (i < stems.length) {
    const first = stems[i] ?? '';
    const activity = activityBeforePartnerWord(stems, i);
    if (activity) {
      visit(i, 1, first, activity);
      visit(i + 1, 1, ACTIVITY_PARTNER, ACTIVITY_PARTNER_REFS);
      i += 2;
      continue;
    }
    let length = 1;
    let key = first;
    let refs = NO_REFS;
    const longest = Math.min(longestPhraseFrom.get(first) ?? 1, stems.length - i);
    for (let n = longest; n >= 1; n--) {
      const candidateKey = n === 1 ? first : stems.slice(i, i + n).join(' ');
      const found = conceptsOfKey(candidateKey);
      if (found.length > 0) {
        length = n;
        key = candidateKey;
        refs = found;
        break;
      }
    }
    visit(i, length, key, refs);
    i += length;
  }
}

/** The mentions of a list of content words (lower-case, stop-word free), with the words as written. */
export function scanMentions(contentWordList: readonly string[]): ConceptMention[] {
  const mentions: ConceptMention[] = [];
  scanStems(
    contentWordList.map((w) => stem(w)),
    (start, length, key, refs) => {
      // An activity partner spans the activity word too: "hiking buddy".
      const from = key === ACTIVITY_PARTNER && refs === ACTIVITY_PARTNER_REFS ? start - 1 : start;
      mentions.push({ surface: contentWordList.slice(from, start + length).join(' '), key, refs });
    },
  );
  return mentions;
}

/**
 * "Trekking", "trek", "Hill walking" all become the concept hiking; "Underwater Basket Weaving" stays itself.
 * Pure and uncached: the candidate index keeps one per distinct tag of its members.
 */
export function normaliseTag(raw: string): NormalisedTag {
  const content = contentWords(raw);
  const key = content.map((w) => stem(w)).join(' ');
  const concepts = new Set<string>();
  const related = new Set<string>();
  const whole = formIndex.get(key);
  if (whole) {
    for (const id of whole) concepts.add(id);
  } else {
    for (const mention of scanMentions(content)) {
      for (const ref of mention.refs) (ref.strength === 1 ? concepts : related).add(ref.id);
    }
  }
  for (const id of concepts) related.delete(id);
  const namesConcept = concepts.size > 0;
  if (concepts.size === 0 && key !== '') concepts.add(`tag:${key}`);
  return {
    raw,
    key,
    concepts,
    related,
    categories: categoriesOf(concepts),
    stems: new Set(key.split(' ')),
    namesConcept,
    conceptMask: maskOf(concepts),
    relatedMask: maskOf(related),
    categoryMask: categoryMaskOf(concepts),
  };
}

function categoriesOf(concepts: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const id of concepts) {
    const category = categories.get(id);
    if (category) found.add(category);
  }
  return found;
}

function categoryMaskOf(concepts: Iterable<string>): number {
  let mask = 0;
  for (const category of categoriesOf(concepts)) mask |= 1 << (categoryBit.get(category) ?? 0);
  return mask;
}

/**
 * A tag read with the sense its community gives it (TagSenses): `concepts` in place of the lexicon's, which stay
 * `loose`. Its words, key and related concepts are unchanged.
 */
export function withConcepts(tag: NormalisedTag, concepts: readonly string[], loose: readonly string[]): NormalisedTag {
  const related = new Set([...tag.related].filter((id) => !concepts.includes(id)));
  return {
    ...tag,
    concepts: new Set(concepts),
    related,
    loose: new Set(loose),
    looseMask: maskOf(loose),
    categories: categoriesOf(concepts),
    conceptMask: maskOf(concepts),
    relatedMask: maskOf(related),
    categoryMask: categoryMaskOf(concepts),
  };
}

/** 1 for the same concept, RELATED_STRENGTH for a related one, SAME_CATEGORY_STRENGTH within a category. */
export function tagSimilarity(a: NormalisedTag, b: NormalisedTag): number {
  // Unknown tags ("tag:<key>") have no bits: they match by key only.
  if (a.key === b.key || intersects(a.conceptMask, b.conceptMask)) return 1;
  if (intersects(a.conceptMask, b.relatedMask) || intersects(a.relatedMask, b.conceptMask)) return RELATED_STRENGTH;
  return (a.categoryMask & b.categoryMask) !== 0 ? SAME_CATEGORY_STRENGTH : 0;
}

/** A topic concept as the candidate search finds it in profile text: by its name or any of its surface forms. */
export interface SearchConcept {
  name: string;
  phrases: string[];
}

function searchConcept(spec: ConceptSpec): SearchConcept {
  return { name: spec.id, phrases: [spec.id, ...spec.forms] };
}

/** Every topic concept of the lexicon with its phrases: what the database indexes members' topics by. */
export function searchConcepts(): SearchConcept[] {
  return TOPIC_CONCEPTS.map(searchConcept);
}

/** What the candidate search looks for: whole concepts, and the phrases none of those concepts covers. */
export interface SearchTopics {
  /** Concepts the topics name outright; a profile mentioning any of their phrases is on topic. */
  concepts: string[];
  /** Words as written that are not a phrase of those concepts ("taxidermy"). */
  phrases: string[];
}

/**
 * What to look for in profile text to find candidates on a topic: each concept the topics or tags name outright
 * (all its surface forms: "hiking", "trekking", "hill walking", …), and the words as written where no such concept
 * already covers them.
 */
export function searchTopics(
  topics: ReadonlyArray<{ label: string; refs: readonly ConceptRef[]; synonyms?: readonly string[] }>,
  tags: readonly string[] = [],
): SearchTopics {
  const concepts = new Set<string>();
  const written = new Set<string>();
  const addConcept = (id: string): void => {
    if (!isIntentConcept(id) && specs.has(id)) concepts.add(id);
  };
  for (const topic of topics) {
    written.add(topic.label);
    for (const synonym of topic.synonyms ?? []) written.add(synonym);
    // A concept the topic names outright, or through a general synonym or a learned association of an unknown word.
    for (const ref of topic.refs) if (ref.strength >= LEARNED_STRENGTH) addConcept(ref.id);
  }
  for (const tag of tags) {
    written.add(tag);
    for (const id of normaliseTag(tag).concepts) addConcept(id);
  }
  const covered = new Set(
    [...concepts].flatMap((id) => searchConcept(specs.get(id)!).phrases.map((p) => p.toLowerCase())),
  );
  const phrases = [...written].filter((p) => p.trim() !== '' && !covered.has(p.trim().toLowerCase()));
  return { concepts: [...concepts], phrases };
}
