/**
 * The relevance set: prompts a member might type, with graded judgements (3 exactly what was asked, 2 a good
 * match, 1 related; unlisted profiles are 0). Judgements were written from the profiles' meaning, not from what
 * the engine returns: paraphrases share no literal word with the tags they should find.
 */
export interface RelevanceQuery {
  prompt: string;
  grades: Record<string, 1 | 2 | 3>;
  /** Profiles that must never appear in the top 10 (substring and gender traps). */
  never?: string[];
}

export const QUERIES: RelevanceQuery[] = [
  { prompt: 'Looking for hiking enthusiasts near me, 25–35', grades: { p01: 3, p02: 3, p03: 3, p04: 3, p50: 3, p05: 1, p49: 1 } },
  { prompt: 'trekking in the mountains', grades: { p01: 3, p02: 3, p03: 3, p04: 3, p38: 3, p50: 3, p06: 1, p05: 1 } },
  { prompt: 'people who write code', grades: { p12: 3, p14: 3, p13: 2 } },
  { prompt: 'software developers to talk tech with', grades: { p12: 3, p14: 3, p13: 2, p15: 1 } },
  { prompt: 'women in tech who could mentor me', grades: { p13: 3, p15: 1 }, never: ['p12', 'p14', 'p47'] },
  { prompt: 'someone to jam with on guitar', grades: { p21: 3, p22: 1, p23: 1, p24: 1 } },
  { prompt: 'art lovers', grades: { p17: 3, p18: 3, p19: 1, p20: 1 }, never: ['p43'] },
  { prompt: 'the other art lovers', grades: { p17: 3, p18: 3, p19: 1, p20: 1 }, never: ['p43'] },
  { prompt: 'ready to start a company', grades: { p15: 3, p16: 3, p43: 3 } },
  { prompt: 'board game nights', grades: { p31: 3, p32: 3, p33: 1 } },
  { prompt: 'fellow gamers', grades: { p33: 3, p14: 3, p31: 1, p32: 1 } },
  { prompt: 'bookworms', grades: { p29: 3, p30: 3 } },
  { prompt: 'Guys into cooking, over 30', grades: { p25: 3, p27: 1 }, never: ['p26', 'p28'] },
  { prompt: 'gym buddy', grades: { p10: 3, p08: 1, p09: 1 } },
  { prompt: 'someone to talk to', grades: { p46: 3, p11: 3 } },
  { prompt: 'a mentor for a first-time manager', grades: { p47: 3, p13: 2, p16: 2 } },
  { prompt: 'surfers', grades: { p37: 3 } },
  { prompt: 'new friends who love dogs', grades: { p36: 3 } },
  { prompt: 'climbing partner', grades: { p06: 3, p07: 3 } },
  { prompt: 'runners training for a marathon', grades: { p09: 3, p08: 3 } },
  { prompt: 'photographers', grades: { p19: 3, p01: 2, p42: 2 } },
  { prompt: 'wine and good food', grades: { p26: 3, p25: 2, p28: 1, p27: 1 } },
  { prompt: 'volunteers who give back to the community', grades: { p34: 3, p35: 3 } },
  { prompt: 'women who love salsa dancing in their 20s', grades: { p48: 3 }, never: ['p18', 'p11'] },
  { prompt: 'meditation and mindfulness', grades: { p11: 3, p07: 1, p46: 1 } },
  { prompt: 'birders', grades: { p44: 3, p50: 3 } },
  { prompt: 'travel companions who speak other languages', grades: { p41: 3, p42: 2, p04: 2 } },
  { prompt: 'plant-based foodies', grades: { p28: 3, p26: 2, p25: 1 } },
];
