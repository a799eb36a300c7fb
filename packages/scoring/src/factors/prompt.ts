import { categoryOf, RELATED_STRENGTH, SAME_CATEGORY_STRENGTH } from '../lexicon.js';
import { conceptTerm, type BioTerms, type TagSet } from '../features.js';
import type { RelationshipIntent } from '../lexicon-data.js';
import type { PromptTopic } from '../prompt-parser.js';

/** Where a topic is found counts differently: a tagged interest says more than a passing word in a bio. */
export const PROMPT_FIELD_WEIGHT = { interests: 1, needs: 0.8, bio: 0.6 } as const;

/** Coverage below this is counted in the score but not claimed as a match in the explanation. */
export const CLAIMED_MATCH_THRESHOLD = 0.5;

export interface PromptResult {
  similarity: number;
  /** The prompt's words the candidate covers, as the member wrote them. */
  matched: string[];
}

function tagSetCoverage(topic: PromptTopic, tags: TagSet): number {
  if (topic.refs.length === 0) return tags.stems.has(topic.key) ? 1 : 0;
  let best = 0;
  for (const ref of topic.refs) {
    let s = 0;
    if (tags.concepts.has(ref.id)) s = 1;
    else if (tags.related.has(ref.id)) s = RELATED_STRENGTH;
    else if (tags.categories.has(categoryOf(ref.id) ?? '')) s = SAME_CATEGORY_STRENGTH;
    best = Math.max(best, s * ref.strength);
  }
  return best;
}

function bioCoverage(topic: PromptTopic, bio: BioTerms): number {
  // Whole stems only: "art" is never found inside "start".
  if (topic.key.split(' ').every((s) => bio.has(s))) return 1;
  let best = 0;
  for (const ref of topic.refs) if (bio.has(conceptTerm(ref.id))) best = Math.max(best, ref.strength);
  return best;
}

/** How well one topic is covered by a candidate, in [0, 1]. */
export function topicCoverage(topic: PromptTopic, interests: TagSet, needs: TagSet, bio: BioTerms): number {
  return Math.max(
    PROMPT_FIELD_WEIGHT.interests * tagSetCoverage(topic, interests),
    PROMPT_FIELD_WEIGHT.needs * tagSetCoverage(topic, needs),
    PROMPT_FIELD_WEIGHT.bio * bioCoverage(topic, bio),
  );
}

/** A relationship intent is covered by the same need, or less so by a bio that names it. */
function intentCoverage(intent: RelationshipIntent, needs: TagSet, bio: BioTerms): number {
  if (needs.concepts.has(intent)) return 1;
  return bio.has(conceptTerm(intent)) ? PROMPT_FIELD_WEIGHT.bio : 0;
}

/**
 * Prompt factor (weight 0.15): the mean coverage of the prompt's topics and relationship intents by the
 * candidate's interests, needs and bio.
 */
export function promptSimilarity(
  topics: readonly PromptTopic[],
  intents: readonly RelationshipIntent[],
  candidate: { interests: TagSet; needs: TagSet; bio: BioTerms },
): PromptResult {
  const items = topics.length + intents.length;
  if (items === 0) return { similarity: 0, matched: [] };
  let sum = 0;
  const matched: string[] = [];
  for (const topic of topics) {
    const s = topicCoverage(topic, candidate.interests, candidate.needs, candidate.bio);
    sum += s;
    if (s >= CLAIMED_MATCH_THRESHOLD) matched.push(topic.label);
  }
  for (const intent of intents) {
    const s = intentCoverage(intent, candidate.needs, candidate.bio);
    sum += s;
    if (s >= CLAIMED_MATCH_THRESHOLD) matched.push(intent);
  }
  return { similarity: sum / items, matched };
}
