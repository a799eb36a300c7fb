import { MAX_AGE, MIN_AGE } from '@circle-match/contracts/constants';
import type { RelationshipIntent } from './lexicon-data.js';
import {
  isIntentConcept,
  LEARNED_STRENGTH,
  normaliseTag,
  RELATED_STRENGTH,
  scanMentions,
  SYNONYM_STRENGTH,
  type ConceptRef,
} from './lexicon.js';
import { senseNote, TagSenses } from './tag-senses.js';
import { isContentWord, normaliseText, stem, words } from './text.js';

export type Gender = 'female' | 'male' | 'non-binary';

/** A topic the member asked for: a lexicon concept ("hiking") or a plain keyword ("pottery"). */
export interface PromptTopic {
  /** As the member wrote it, e.g. "trekking". */
  label: string;
  /** Stem key, for matching words that are not in the lexicon. */
  key: string;
  refs: readonly ConceptRef[];
  /** General synonyms of a word the lexicon does not know (expandTopics), as written: matched at SYNONYM_STRENGTH. */
  synonyms?: readonly string[];
  /** How an unknown word was understood, for the explanation ("video games, learned from 214 members' profiles"). */
  note?: string;
  /**
   * False for a word members use widely without it meaning any one thing ("night", "weekends"): it still counts in
   * the prompt factor, but does not make a candidate answer the ask (expandTopics).
   */
  selects?: false;
}

/** What the caller knows about words beyond the lexicon: general synonyms and what members' profiles teach. */
export interface OpenVocabulary {
  synonymsOf(word: string): readonly string[];
  /** Concepts learned to go with a word stem across members' profiles. */
  associationsOf?(stem: string): readonly WordAssociation[];
  /** Whether many members use the word stem without it going with any concept. */
  isGeneric?(stem: string): boolean;
  /** What members mean by a tag the lexicon knows, when it is not what the lexicon says (TagSenses). */
  senses?: TagSenses;
}

/** A concept learned to go with a word, and from how many members' profiles (see the matching service's index). */
export interface WordAssociation {
  concept: string;
  members: number;
}

/** What a free-text prompt asks for (docs/semantics.md "Effective constraints"). */
export interface PromptIntent {
  gender: Gender | null;
  /** Inclusive; min > max when the prompt contradicts itself ("over 40 under 30"), which matches nobody. */
  ageRange: [number, number] | null;
  maxDistanceKm: number | null;
  intents: RelationshipIntent[];
  topics: PromptTopic[];
}

// The ages a member can have and ask for: one home, the API contract (requests outside it are refused there).
export { MAX_AGE, MIN_AGE } from '@circle-match/contracts/constants';

/** "nearby", "near me", "local": how far that reaches when no number is given. */
export const NEARBY_KM = 25;
/** "around 28" reaches this many years either side. */
export const AROUND_AGE_SPREAD = 3;

const KM_PER_MILE = 1.609344;

/** Words for a gender, in a prompt and in a request's gender_preference alike (constraints.ts). */
export const GENDER_WORDS: ReadonlyMap<string, Gender> = new Map(
  Object.entries({
    woman: 'female',
    women: 'female',
    female: 'female',
    females: 'female',
    girl: 'female',
    girls: 'female',
    lady: 'female',
    ladies: 'female',
    gal: 'female',
    gals: 'female',
    man: 'male',
    men: 'male',
    male: 'male',
    males: 'male',
    guy: 'male',
    guys: 'male',
    boy: 'male',
    boys: 'male',
    gentleman: 'male',
    gentlemen: 'male',
    dude: 'male',
    dudes: 'male',
    nonbinary: 'non-binary',
    enby: 'non-binary',
    enbies: 'non-binary',
  } as const),
);

/** Words of a search that say "I am searching" rather than what for. Compared as stems. */
const FILLER_STEMS = new Set(
  [
    'looking',
    'look',
    'find',
    'finding',
    'seek',
    'seeking',
    'search',
    'searching',
    'want',
    'wanting',
    'need',
    'someone',
    'somebody',
    'anyone',
    'people',
    'person',
    'folks',
    'members',
    'enthusiast',
    'enthusiasts',
    'fan',
    'fans',
    'lover',
    'lovers',
    'interested',
    'interests',
    'passionate',
    'share',
    'shares',
    'similar',
    'meet',
    'meeting',
    'kind',
    'type',
    'year',
    'years',
    'old',
    'age',
    'aged',
    'ages',
    'around',
    'within',
    'km',
    'near',
    'close',
    'area',
    'nearby',
    'local',
    'locally',
    'join',
    'connect',
    'also',
    'enjoys',
    'loves',
    'love',
    'likes',
    'lives',
    'live',
    'based',
    'preferably',
    'ideally',
    'please',
    'hi',
    'hello',
    'thanks',
    'fellow',
    'adult',
    'adults',
  ].map((w) => stem(w)),
);

interface Span {
  start: number;
  end: number;
}

/** Runs of a pattern over the text, blanking each match so a number is read for one purpose only. */
function consume(state: { text: string }, pattern: RegExp, onMatch: (m: RegExpExecArray) => boolean): void {
  const spans: Span[] = [];
  for (const m of state.text.matchAll(pattern)) {
    if (onMatch(m)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const span of spans.reverse()) {
    state.text = state.text.slice(0, span.start) + ' '.repeat(span.end - span.start) + state.text.slice(span.end);
  }
}

function isAge(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_AGE && n <= MAX_AGE;
}

function intersectAge(a: [number, number] | null, b: [number, number]): [number, number] {
  const lo = Math.max(MIN_AGE, b[0]);
  const hi = Math.min(MAX_AGE, b[1]);
  return a ? [Math.max(a[0], lo), Math.min(a[1], hi)] : [lo, hi];
}

const DECADES: Record<string, number> = {
  twenties: 20,
  thirties: 30,
  forties: 40,
  fifties: 50,
  sixties: 60,
  seventies: 70,
};

function parseDistance(state: { text: string }): number | null {
  let km: number | null = null;
  const unit = '(km|kms|kilometers?|kilometres?|k|mi|miles?)';
  consume(state, new RegExp(`\\b(\\d+(?:\\.\\d+)?)\\s*${unit}\\b`, 'g'), (m) => {
    const value = Number(m[1]) * ((m[2] ?? '').startsWith('m') ? KM_PER_MILE : 1);
    if (!(value > 0)) return false;
    km = km === null ? value : Math.min(km, value);
    return true;
  });
  let nearby = false;
  consume(
    state,
    /\b(nearby|near me|near by|close by|close to me|around me|around here|in my area|in the area|local|locally|in my neighbou?rhood|walking distance)\b/g,
    () => (nearby = true),
  );
  if (km === null && nearby) return NEARBY_KM;
  return km;
}

function parseAge(state: { text: string }): [number, number] | null {
  let range: [number, number] | null = null;
  const apply = (lo: number, hi: number): boolean => {
    range = intersectAge(range, [lo, hi]);
    return true;
  };
  // "between 25 and 32", "from 25 to 32", "aged 25-32", "25-32", "25 to 32"
  consume(
    state,
    /\b(?:between\s+|from\s+)?(?:(?:the\s+)?ages?d?\s+(?:of\s+)?)?(\d{2,3})\s*(?:-|to|and)\s*(\d{2,3})\b/g,
    (m) => {
      const lo = Number(m[1]);
      const hi = Number(m[2]);
      if (!isAge(lo) || !isAge(hi)) return false;
      return apply(Math.min(lo, hi), Math.max(lo, hi));
    },
  );
  // "in their 20s", "in their early thirties", "30s"
  consume(
    state,
    /\b(?:in\s+(?:their|his|her|the|my)\s+)?(early|mid|late)?[\s-]*(?:(\d)0'?s|(twenties|thirties|forties|fifties|sixties|seventies))\b/g,
    (m) => {
      const decade = m[2] !== undefined ? Number(m[2]) * 10 : (DECADES[m[3] ?? ''] ?? 0);
      if (decade < 10 || decade > 110) return false;
      const part = m[1];
      const [lo, hi] = part === 'early' ? [0, 3] : part === 'mid' ? [3, 6] : part === 'late' ? [7, 9] : [0, 9];
      return apply(decade + lo, decade + hi);
    },
  );
  // "over 30", "older than 30", "30+", "at least 30", "30 or older"
  consume(
    state,
    /\b(?:over|older than|above)\s+(\d{2,3})\b/g,
    (m) => isAge(Number(m[1])) && apply(Number(m[1]) + 1, MAX_AGE),
  );
  consume(state, /\b(?:at least\s+(\d{2,3})|(\d{2,3})\s*(?:\+|or older|or over|and up|and older))/g, (m) => {
    const n = Number(m[1] ?? m[2]);
    return isAge(n) && apply(n, MAX_AGE);
  });
  // "under 40", "younger than 40", "at most 40", "40 or younger"
  consume(
    state,
    /\b(?:under|younger than|below|less than)\s+(\d{2,3})\b/g,
    (m) => isAge(Number(m[1])) && apply(MIN_AGE, Number(m[1]) - 1),
  );
  consume(state, /\b(?:at most\s+(\d{2,3})|(\d{2,3})\s*(?:or younger|or under|and under|and younger))\b/g, (m) => {
    const n = Number(m[1] ?? m[2]);
    return isAge(n) && apply(MIN_AGE, n);
  });
  // "around 28", "about 28", "~28"
  consume(state, /(?:\b(?:around|about|approximately|roughly|circa)\s+|~\s*)(\d{2,3})\b/g, (m) => {
    const n = Number(m[1]);
    return isAge(n) && apply(n - AROUND_AGE_SPREAD, n + AROUND_AGE_SPREAD);
  });
  // "aged 28", "age 28", "28 years old", "28 yo"
  consume(state, /\b(?:aged?\s+(\d{2,3})|(\d{2,3})\s*(?:years? old|yrs? old|yo|y\/o)\b)/g, (m) => {
    const n = Number(m[1] ?? m[2]);
    return isAge(n) && apply(n, n);
  });
  return range;
}

function parseGender(tokens: readonly string[]): Gender | null {
  const found = new Set<Gender>();
  tokens.forEach((token, i) => {
    const gender = GENDER_WORDS.get(token);
    if (gender) found.add(gender);
    if (token === 'non' && tokens[i + 1] === 'binary') found.add('non-binary');
  });
  // "men or women" asks for no particular gender.
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

/** "rock climbing and bouldering" asks for one thing twice: count it once. */
function sameConcepts(a: readonly ConceptRef[], b: readonly ConceptRef[]): boolean {
  const strong = (refs: readonly ConceptRef[]): string[] => refs.filter((r) => r.strength === 1).map((r) => r.id);
  const sa = strong(a);
  const sb = strong(b);
  return sb.length > 0 && sb.every((id) => sa.includes(id));
}

/**
 * A bounded cost per request (docs/reliability.md): a prompt's first MAX_PROMPT_WORDS words are read and at most
 * MAX_PROMPT_TOPICS topics kept; 500 characters of distinct words would otherwise make ~100 topics, each a
 * search over the index and a factor over the whole pool.
 */
export const MAX_PROMPT_WORDS = 60;
export const MAX_PROMPT_TOPICS = 8;

/** Where a prompt turns from the member to what they search for. */
const ASK_MARKER =
  /\b(?:looking for|look for|searching for|seeking|hoping to (?:find|meet)|would like|want|wants|need|needs)\b/;
/** A member speaking of themselves: "I'm a developer", "as a runner", "I work in tech", "I love cooking but". */
const SELF_MARKER = /\b(?:i'm|i am|im|as an?|i work|i love|i like|i enjoy|i read|i play|i do)\b/;

/**
 * The prompt without what the member says about themselves before they say what they want ("I'm a software
 * developer looking for a salsa partner" asks for salsa, not software): the searcher's own profile already speaks
 * for them in the score, and what they are is not what they ask for.
 */
export function withoutSelfDescription(text: string): string {
  const ask = ASK_MARKER.exec(text);
  if (ask === null || ask.index === 0) return text;
  const before = text.slice(0, ask.index);
  return SELF_MARKER.test(before) ? ' '.repeat(before.length) + text.slice(ask.index) : text;
}

/** Parses a member's search prompt into structured intent. Pure and total: any string gives an answer. */
export function parsePrompt(prompt: string): PromptIntent {
  const state = { text: withoutSelfDescription(normaliseText(prompt)) };
  const maxDistanceKm = parseDistance(state);
  const ageRange = parseAge(state);
  const tokens = words(state.text).slice(0, MAX_PROMPT_WORDS);
  const gender = parseGender(tokens);

  const content = tokens.filter(
    (w, i) => isContentWord(w) && !GENDER_WORDS.has(w) && !(w === 'binary' && tokens[i - 1] === 'non'),
  );
  const intents = new Set<RelationshipIntent>();
  const topics: PromptTopic[] = [];
  for (const mention of scanMentions(content)) {
    const intentRefs = mention.refs.filter((r) => isIntentConcept(r.id));
    for (const ref of intentRefs) if (ref.strength === 1) intents.add(ref.id as RelationshipIntent);
    const topicRefs = mention.refs.filter((r) => !isIntentConcept(r.id));
    if (intentRefs.some((r) => r.strength === 1)) continue;
    if (topicRefs.length === 0 && (FILLER_STEMS.has(mention.key) || intentRefs.length > 0)) continue;
    if (topics.some((t) => t.key === mention.key || sameConcepts(t.refs, topicRefs))) continue;
    if (topics.length === MAX_PROMPT_TOPICS) break;
    topics.push({ label: mention.surface, key: mention.key, refs: topicRefs });
  }
  return { gender, ageRange, maxDistanceKm, intents: [...intents], topics };
}

/**
 * A tag a request names in `preferences.interests` or `preferences.needs` as a topic asked for (docs/semantics.md "The ask
 * comes first"): its concepts, and the related ones at RELATED_STRENGTH; a tag outside the lexicon by its words.
 */
export function topicOfTag(tag: string): PromptTopic {
  const normalised = normaliseTag(tag);
  const refs: ConceptRef[] = [];
  for (const id of normalised.concepts) if (!id.startsWith('tag:')) refs.push({ id, strength: 1 });
  for (const id of normalised.related) refs.push({ id, strength: RELATED_STRENGTH });
  return { label: tag.trim(), key: normalised.key, refs };
}

/**
 * Open vocabulary (docs/semantics.md): each topic the lexicon does not know gains the general synonyms `synonymsOf` gives it —
 * those the lexicon knows as its concepts, the others as words to match — and, when none of them is a concept, the
 * concepts `associationsOf` learned to go with its word across members' profiles. Such a word that many members use
 * without meaning anything in particular (`isGeneric`) does not select who answers the ask. Pure: all of it comes
 * from the caller.
 */
export function expandTopics(topics: readonly PromptTopic[], vocabulary: OpenVocabulary): PromptTopic[] {
  const synonymsOf = (word: string): readonly string[] => vocabulary.synonymsOf(word);
  const associationsOf = (stem: string): readonly WordAssociation[] => vocabulary.associationsOf?.(stem) ?? [];
  return topics.map((topic) => {
    const sense = vocabulary.senses?.senseOf(topic.key);
    if (sense) return { ...topic, refs: TagSenses.refsOf(sense), note: senseNote(sense) };
    if (topic.refs.length > 0) return topic;
    const refs: ConceptRef[] = [];
    const synonyms: string[] = [];
    for (const synonym of synonymsOf(topic.label)) {
      const concepts = [...normaliseTag(synonym).concepts].filter(
        (id) => !id.startsWith('tag:') && !isIntentConcept(id),
      );
      if (concepts.length > 0) for (const id of concepts) refs.push({ id, strength: SYNONYM_STRENGTH });
      else synonyms.push(synonym);
    }
    let note: string | undefined;
    if (refs.length === 0 && !topic.key.includes(' ')) {
      const learned = associationsOf(topic.key);
      for (const { concept } of learned) refs.push({ id: concept, strength: LEARNED_STRENGTH });
      if (learned.length > 0)
        note = `${learned.map((a) => a.concept).join(', ')}, learned from ${learned[0]!.members} members' profiles`;
    }
    const generic = !topic.key.includes(' ') && vocabulary.isGeneric?.(topic.key) === true;
    if (refs.length === 0 && synonyms.length === 0) return generic ? { ...topic, selects: false } : topic;
    return {
      ...topic,
      refs,
      synonyms,
      ...(note !== undefined && { note }),
      ...(generic && { selects: false as const }),
    };
  });
}
