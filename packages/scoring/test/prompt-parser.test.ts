import {
  MAX_PROMPT_TOPICS,
  MAX_PROMPT_WORDS,
  NEARBY_KM,
  parsePrompt,
  searchConcepts,
  searchTopics,
  type Gender,
} from '@circle-match/scoring';

describe('prompt parser: gender', () => {
  it.each<[string, Gender | null]>([
    ['Looking for women who hike', 'female'],
    ['WOMEN into climbing', 'female'],
    ['a woman who loves jazz', 'female'],
    ['female friends for brunch', 'female'],
    ['girls night out crew', 'female'],
    ['ladies who lunch', 'female'],
    ['guys who play basketball', 'male'],
    ['Men, 30-40, into golf', 'male'],
    ['a man who can cook', 'male'],
    ['male running partner', 'male'],
    ['non-binary folks into art', 'non-binary'],
    ['nonbinary friends', 'non-binary'],
    ['the best hikers', null],
    ['the other hikers', null],
    ['my mother likes gardening', null],
    ["she'll love board games", null],
    ['there are people who surf', null],
    ['something for the weekend', null],
    ['human rights activists', null],
    ['a manager in tech', null],
    ['men or women who surf', null],
    ['anyone into photography', null],
    ['shemale', null],
    ['womenswear designers', null],
  ])('when the prompt is %p, then the gender is %p', (prompt, gender) => {
    expect(parsePrompt(prompt).gender).toBe(gender);
  });
});

describe('prompt parser: age', () => {
  it.each<[string, [number, number] | null]>([
    ['between 25 and 32', [25, 32]],
    ['Between 25 And 32!', [25, 32]],
    ['25-32', [25, 32]],
    ['25 - 32 year olds', [25, 32]],
    ['25–32', [25, 32]],
    ['hiking enthusiasts near me, 25–35', [25, 35]],
    ['from 30 to 45', [30, 45]],
    ['aged 25 to 30', [25, 30]],
    ['in their 20s', [20, 29]],
    ["in their 30's", [30, 39]],
    ['in their early thirties', [30, 33]],
    ['in their late 20s', [27, 29]],
    ['over 30', [31, 120]],
    ['older than 40', [41, 120]],
    ['30+', [30, 120]],
    ['at least 35', [35, 120]],
    ['under 40', [18, 39]],
    ['younger than 30', [18, 29]],
    ['around 28', [25, 31]],
    ['about 50', [47, 53]],
    ['28 years old', [28, 28]],
    ['aged 33', [33, 33]],
    ['over 30 and under 40', [31, 39]],
    ['I have 2 dogs', null],
    ['3 kids and 2 cats', null],
    ['around 5 people for a band', null],
    ['top 10 hikes', null],
    ['within 10 km', null],
    ['under 5 km away', null],
    ['open 9-5 on weekdays', null],
    ['in 2024-2025 season', null],
    ['under 12', null],
    ['over 150', null],
  ])('when the prompt is %p, then the age range is %p', (prompt, range) => {
    expect(parsePrompt(prompt).ageRange).toEqual(range);
  });

  it('when the prompt contradicts itself, then the range is empty (min above max)', () => {
    const range = parsePrompt('over 40 and under 30').ageRange;
    expect(range).not.toBeNull();
    expect(range![0]).toBeGreaterThan(range![1]);
  });
});

describe('prompt parser: distance', () => {
  it.each<[string, number | null]>([
    ['within 10 km', 10],
    ['within 10km', 10],
    ['less than 3 kilometres away', 3],
    ['within 5 miles', 8.04672],
    ['near me', NEARBY_KM],
    ['Nearby runners', NEARBY_KM],
    ['someone local', NEARBY_KM],
    ['in my area', NEARBY_KM],
    ['near me, within 5 km', 5],
    ['hiking', null],
    ['knitting', null],
    ['kilometre-long runs', null],
  ])('when the prompt is %p, then the max distance is %p', (prompt, km) => {
    const parsed = parsePrompt(prompt).maxDistanceKm;
    if (km === null) expect(parsed).toBeNull();
    else expect(parsed).toBeCloseTo(km, 4);
  });
});

describe('prompt parser: relationship intent', () => {
  it.each<[string, string[]]>([
    ['looking for new friends', ['friendship']],
    ['want to make a friend', ['friendship']],
    ['someone to date', ['dating']],
    ['a serious relationship', ['dating']],
    ['professional networking', ['networking']],
    ['a startup cofounder', ['networking']],
    ['a mentor in design', ['mentorship']],
    ['hiking buddy', ['activity partner']],
    ['tennis partner on sundays', ['activity partner']],
    ['gym buddies', ['activity partner']],
    ['emotional support', ['emotional support']],
    ['someone to talk to', ['emotional support']],
    ['people who love hiking', []],
  ])('when the prompt is %p, then the intents are %p', (prompt, intents) => {
    expect(parsePrompt(prompt).intents.sort()).toEqual(intents.sort());
  });
});

describe('prompt parser: topics', () => {
  const topicConcepts = (prompt: string): string[] =>
    parsePrompt(prompt).topics.flatMap((t) => t.refs.filter((r) => r.strength === 1).map((r) => r.id));
  const topicLabels = (prompt: string): string[] => parsePrompt(prompt).topics.map((t) => t.label);

  it.each<[string, string[]]>([
    ['Looking for hiking enthusiasts near me, 25–35', ['hiking']],
    ['trekking in the mountains', ['hiking']],
    ['HIKERS!!!', ['hiking']],
    ['rock climbing and bouldering', ['climbing']],
    ['people into Machine Learning', ['artificial intelligence']],
    ['board games and D&D nights', ['board games']],
    ['hiking buddy', ['hiking']],
    ['photographers and painters', ['photography', 'painting']],
    ['women who run marathons', ['running']],
    ['art lovers', ['art']],
    ['start a business', ['entrepreneurship']],
    // "go" is no topic: it once read as nightlife ("going out" without its stop word) and matched half the table.
    ['someone to go running with', ['running']],
  ])('when the prompt is %p, then the topic concepts are %p', (prompt, concepts) => {
    expect(topicConcepts(prompt).sort()).toEqual(concepts.sort());
  });

  it('when a prompt says "start", then art is not a topic', () => {
    expect(topicConcepts('ready to start something')).not.toContain('art');
  });

  it('when a prompt has a word outside the lexicon, then it is kept as a keyword', () => {
    const topics = parsePrompt('people into taxidermy').topics;
    expect(topics).toEqual([{ label: 'taxidermy', key: 'taxidermi', refs: [] }]);
  });

  it('when a prompt is only search filler and constraints, then it has no topics', () => {
    expect(topicLabels('Looking for someone near me, 25-35, women')).toEqual([]);
  });

  it('when a prompt names a related word only, then the topic links at reduced strength', () => {
    const [topic] = parsePrompt('mountains').topics;
    expect(topic?.refs.find((r) => r.id === 'hiking')?.strength).toBeLessThan(1);
  });

  it('when the prompt is empty or symbols only, then nothing is parsed and nothing throws', () => {
    for (const prompt of ['', '!!!', '🙂🙂', '\u0000\u0001', "'; DROP TABLE profiles; --"]) {
      const intent = parsePrompt(prompt);
      expect(intent.gender).toBeNull();
      expect(intent.ageRange).toBeNull();
    }
  });
});

describe('prompt parser: phrases that lose their meaning without stop words', () => {
  it('when someone writes "work" or "formula", then no gym or racing is read into it; "workout" and "formula 1" still are', () => {
    expect(parsePrompt('moved here for work').topics.flatMap((t) => t.refs)).toEqual([]);
    expect(parsePrompt('a formula for happiness').topics.flatMap((t) => t.refs)).toEqual([]);
    expect(parsePrompt('workout buddy').topics[0]!.refs).toContainEqual({ id: 'gym', strength: 1 });
    expect(parsePrompt('f1 fans').topics[0]!.refs).toContainEqual({ id: 'cars', strength: 1 });
  });
});

describe('prompt parser: the member speaking of themselves', () => {
  it.each([
    ["I'm a software developer looking for a salsa partner", ['salsa']],
    ['As a runner I want someone to cook with', ['cook']],
    ['I work in tech and want to meet people who play video games', ['play', 'video games']],
    ["I love cooking but I'm looking for dancers", ['dancers']],
    ['my friends say I read too much; looking for travel buddies', ['travel']],
  ])('when the prompt is %p, then only what follows the ask is a topic', (prompt, topics) => {
    expect(parsePrompt(prompt).topics.map((t) => t.label)).toEqual(topics);
  });

  it('when a man says what he is, then the gender asked is the one he looks for', () => {
    expect(parsePrompt("I'm a guy looking for women who hike").gender).toBe('female');
  });

  it('when nobody speaks of themselves, then every topic counts', () => {
    expect(parsePrompt('hiking and cooking, looking for someone fun').topics.map((t) => t.label)).toEqual([
      'hiking',
      'cooking',
      'fun',
    ]);
    expect(parsePrompt('My hiking partner moved away, looking for a new one').topics.map((t) => t.label)).toContain(
      'hiking',
    );
    expect(parsePrompt('Looking for hiking enthusiasts near me').topics.map((t) => t.label)).toEqual(['hiking']);
  });
});

describe('search topics for the candidate pool', () => {
  it('when the prompt names a concept, then the concept is searched and its forms are not repeated as phrases', () => {
    expect(searchTopics(parsePrompt('trekking buddies').topics)).toEqual({ concepts: ['hiking'], phrases: [] });
  });

  it('when preference interests are given, then their concepts are searched too', () => {
    expect(searchTopics([], ['Bouldering', 'hiking'])).toEqual({ concepts: ['climbing', 'hiking'], phrases: [] });
  });

  it('when a topic is outside the lexicon, then only its words are searched', () => {
    expect(searchTopics(parsePrompt('taxidermy').topics)).toEqual({ concepts: [], phrases: ['taxidermy'] });
  });

  it('when a word names a concept without being one of its forms as written, then both are searched', () => {
    expect(searchTopics(parsePrompt('people who love hikes').topics)).toEqual({
      concepts: ['hiking'],
      phrases: ['hikes'],
    });
  });

  it('when the lexicon is listed for the database, then each concept carries its name and every form', () => {
    const hiking = searchConcepts().find((c) => c.name === 'hiking');
    expect(hiking?.phrases).toEqual(expect.arrayContaining(['hiking', 'trekking', 'hill walking']));
    expect(searchConcepts().some((c) => c.name === 'friendship')).toBe(false);
  });
});

describe('bounded cost', () => {
  it('when a prompt lists a hundred distinct words, then at most MAX_PROMPT_TOPICS topics are kept, the first ones', () => {
    const many = Array.from(
      { length: 100 },
      (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}word`,
    );
    const { topics } = parsePrompt(`hiking ${many.join(' ')}`);
    expect(topics.length).toBe(MAX_PROMPT_TOPICS);
    expect(topics[0]?.label).toBe('hiking');
  });

  it('when the words past MAX_PROMPT_WORDS name a topic, then it is not read', () => {
    const filler = Array.from({ length: MAX_PROMPT_WORDS }, () => 'really').join(' ');
    expect(parsePrompt(`${filler} chess`).topics).toEqual([]);
  });
});
