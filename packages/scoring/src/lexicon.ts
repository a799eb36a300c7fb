import { INTENT_CONCEPTS, TOPIC_CONCEPTS, type ConceptSpec } from './lexicon-data.js';
import { isContentWord, stem, words } from './text.js';

/** How much a related word ("mountains") counts towards a concept ("hiking") compared with a synonym. */
export const RELATED_STRENGTH = 0.5;
/** How much two different concepts of one category ("camping", "hiking") count as alike. */
export const SAME_CATEGORY_STRENGTH = 0.3;

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
  refs: ConceptRef[];
}

/** A profile tag (an interest or a need) reduced to what it means. */
export interface NormalisedTag {
  raw: string;
  key: string;
  /** Concepts the tag names outright; an unknown tag stands for itself as `tag:<key>`. */
  concepts: ReadonlySet<string>;
  /** Concepts the tag is only related to. */
  related: ReadonlySet<string>;
  categories: ReadonlySet<string>;
}

const formIndex = new Map<string, string[]>();
const relatedIndex = new Map<string, string[]>();
const categories = new Map<string, string>();
let longestPhrase = 1;

function addTo(index: Map<string, string[]>, key: string, id: string): void {
  if (key === '') return;
  const ids = index.get(key);
  if (!ids) index.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
  longestPhrase = Math.max(longestPhrase, key.split(' ').length);
}

function indexConcept(spec: ConceptSpec): void {
  categories.set(spec.id, spec.category);
  for (const form of [spec.id, ...spec.forms]) addTo(formIndex, phraseKey(form), spec.id);
  for (const word of spec.related ?? []) addTo(relatedIndex, phraseKey(word), spec.id);
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

export function categoryOf(conceptId: string): string | undefined {
  return categories.get(conceptId);
}

export function isIntentConcept(conceptId: string): boolean {
  return categories.get(conceptId) === 'intent';
}

/** Concepts a lexicon key names: synonyms at full strength, related words at RELATED_STRENGTH. */
export function conceptsOfKey(key: string): ConceptRef[] {
  const refs: ConceptRef[] = [];
  for (const id of formIndex.get(key) ?? []) refs.push({ id, strength: 1 });
  for (const id of relatedIndex.get(key) ?? []) {
    if (!refs.some((r) => r.id === id)) refs.push({ id, strength: RELATED_STRENGTH });
  }
  return refs;
}

/**
 * Scans words (already stop-word free, lower-case) for lexicon phrases, longest match first, so "rock climbing"
 * is climbing and not rock music. Words that name nothing are returned as mentions with no refs.
 */
export function scanMentions(contentWordList: readonly string[]): ConceptMention[] {
  const stems = contentWordList.map((w) => stem(w));
  const mentions: ConceptMention[] = [];
  let i = 0;
  while (i < stems.length) {
    const activity = activityBeforePartnerWord(stems, i);
    if (activity) {
      mentions.push({ surface: contentWordList[i] ?? '', key: stems[i] ?? '', refs: activity });
      mentions.push({ surface: contentWordList.slice(i, i + 2).join(' '), key: ACTIVITY_PARTNER, refs: [{ id: ACTIVITY_PARTNER, strength: 1 }] });
      i += 2;
      continue;
    }
    let matched = false;
    for (let n = Math.min(longestPhrase, stems.length - i); n >= 1; n--) {
      const key = stems.slice(i, i + n).join(' ');
      const refs = conceptsOfKey(key);
      if (refs.length > 0) {
        mentions.push({ surface: contentWordList.slice(i, i + n).join(' '), key, refs });
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) {
      mentions.push({ surface: contentWordList[i] ?? '', key: stems[i] ?? '', refs: [] });
      i += 1;
    }
  }
  return mentions;
}

const ACTIVITY_PARTNER = 'activity partner';
const PARTNER_STEMS = new Set(['buddi', 'partner', 'mate', 'companion', 'pal']);

/** "hiking buddy", "tennis partners": an activity followed by a partner word asks for an activity partner. */
function activityBeforePartnerWord(stems: readonly string[], i: number): ConceptRef[] | null {
  const next = stems[i + 1];
  if (next === undefined || !PARTNER_STEMS.has(next)) return null;
  const refs = conceptsOfKey(stems[i] ?? '').filter((r) => r.strength === 1 && !isIntentConcept(r.id));
  return refs.length > 0 ? refs : null;
}

const TAG_CACHE_LIMIT = 50_000;
const tagCache = new Map<string, NormalisedTag>();

/** "Trekking", "trek", "Hill walking" all become the concept hiking; "Underwater Basket Weaving" stays itself. */
export function normaliseTag(raw: string): NormalisedTag {
  const cached = tagCache.get(raw);
  if (cached) return cached;
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
  const tagCategories = new Set<string>();
  for (const id of concepts) {
    const category = categories.get(id);
    if (category) tagCategories.add(category);
  }
  if (concepts.size === 0 && key !== '') concepts.add(`tag:${key}`);
  const tag: NormalisedTag = { raw, key, concepts, related, categories: tagCategories };
  if (tagCache.size >= TAG_CACHE_LIMIT) tagCache.clear();
  tagCache.set(raw, tag);
  return tag;
}

/** 1 for the same concept, RELATED_STRENGTH for a related one, SAME_CATEGORY_STRENGTH within a category. */
export function tagSimilarity(a: NormalisedTag, b: NormalisedTag): number {
  let best = 0;
  for (const id of a.concepts) {
    if (b.concepts.has(id)) return 1;
    if (b.related.has(id)) best = RELATED_STRENGTH;
  }
  if (best === 0) {
    for (const id of b.concepts) if (a.related.has(id)) best = RELATED_STRENGTH;
  }
  if (best === 0) {
    for (const category of a.categories) if (b.categories.has(category)) return SAME_CATEGORY_STRENGTH;
  }
  return best;
}
