import { stemmer } from 'stemmer';
import { eng as ENGLISH_STOP_WORDS } from 'stopword';
/** Text normalisation shared by the parser, the lexicon and the factors. Pure: no state. */

const STOP_WORDS = new Set<string>([
  ...ENGLISH_STOP_WORDS,
  // Words the library list lacks but that carry no topic in a profile or a search.
  'im',
  "i'm",
  'ive',
  "i've",
  'id',
  "i'd",
  'ill',
  "i'll",
  'youre',
  "you're",
  'dont',
  "don't",
  'cant',
  "can't",
  'just',
  'really',
  'also',
  'am',
  'being',
  'been',
  'so',
  'not',
  'no',
  'yes',
  'us',
  'it',
  'its',
  "it's",
  'a',
  'an',
  'she',
  'he',
  'her',
  'his',
  'they',
  'them',
  "she'll",
  "he'll",
  "she's",
  "he's",
  "they're",
  'who',
  'whom',
  'any',
  'some',
  'one',
  'ones',
  'lot',
  'lots',
  'like',
  'likes',
  'enjoy',
  'enjoys',
  'enjoying',
  'into',
  'always',
  'big',
  'huge',
  'great',
  'good',
  'new',
  'weekend',
  'weekends',
  'time',
  'thing',
  'things',
  'when',
  'whenever',
  'why',
  'usually',
  'lately',
  'mostly',
  'often',
  'trying',
  'ask',
  'say',
  'hi',
  'hey',
  'keen',
  'found',
  'every',
  'lot',
  'bit',
  'quite',
  'go',
  'goes',
  'going',
  'went',
  'get',
  'gets',
  'getting',
]);

/** Lower-case, strip accents, unify dashes and apostrophes. */
export function normaliseText(text: string): string {
  // Most profile text is plain ASCII: skip Unicode normalisation for it, it is the costliest step.
  // eslint-disable-next-line no-control-regex
  const unicode = /[^\x00-\x7f]/.test(text);
  let result = unicode
    ? text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[\u2010-\u2015\u2212]/g, '-')
        .replace(/[\u2018\u2019\u02bc]/g, "'")
    : text.toLowerCase();
  if (result.includes('`')) result = result.replace(/`/g, "'");
  // Hyphenated compounds are one word ("start-up", "co-founder", "plant-based"); numeric ranges keep the dash.
  if (result.includes('-')) result = result.replace(/([a-z])-(?=[a-z])/g, '$1');
  return result;
}

const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

/** Whole words of a text, lower-case; "she'll" stays one word so it can never read as "she" + "ll". */
export function words(text: string): string[] {
  return normaliseText(text).match(WORD) ?? [];
}

/** The Porter stem of a word ("hiking" → "hike"); an apostrophe's tail is dropped first. */
export function stem(word: string): string {
  return stemmer(word.replace(/'.*$/, ''));
}

/** A content word: not a stop word, not a bare number, at least two letters. */
export function isContentWord(word: string): boolean {
  return word.length >= 2 && !STOP_WORDS.has(word) && !isNumber(word);
}

function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
