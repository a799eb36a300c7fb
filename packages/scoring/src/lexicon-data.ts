/**
 * The topics people put in social and dating profiles. Each concept has a canonical id, a category, the surface
 * forms that mean the same thing (synonyms, matched in full) and related words (a weaker link: "mountains" is
 * related to hiking but is not hiking). Forms may be phrases; all are stemmed when the lexicon loads, so plurals and
 * verb forms need not be listed.
 */
export interface ConceptSpec {
  id: string;
  category: string;
  forms: string[];
  related?: string[];
}

// Data, kept compact: a concept to a line, its words together.
// prettier-ignore
export const RELATIONSHIP_INTENTS = [
  'friendship',
  'dating',
  'networking',
  'mentorship',
  'activity partner',
  'emotional support',
] as const;
export type RelationshipIntent = (typeof RELATIONSHIP_INTENTS)[number];

/** Relationship intents double as the vocabulary of `needs`. */
// Data, kept compact: a concept to a line, its words together.
// prettier-ignore
export const INTENT_CONCEPTS: ConceptSpec[] = [
  {
    id: 'friendship',
    category: 'intent',
    forms: ['friendship', 'friend', 'friends', 'new friends', 'buddy', 'pal', 'companionship', 'hang out', 'socialise', 'socialize', 'platonic'],
    related: ['community', 'company', 'social'],
  },
  {
    id: 'dating',
    category: 'intent',
    forms: ['dating', 'date', 'romance', 'romantic', 'relationship', 'looking for love', 'find love', 'boyfriend', 'girlfriend', 'soulmate', 'life partner', 'long term relationship', 'marriage', 'spouse'],
    related: ['partner', 'chemistry', 'flirt'],
  },
  {
    id: 'networking',
    category: 'intent',
    forms: ['networking', 'network', 'professional contacts', 'business contacts', 'collaborator', 'collaboration', 'cofounder', 'co-founder', 'business partner', 'career connections'],
    related: ['career', 'professional', 'business', 'industry', 'colleague'],
  },
  {
    id: 'mentorship',
    category: 'intent',
    forms: ['mentorship', 'mentor', 'mentee', 'mentoring', 'coaching', 'guidance', 'advice'],
    related: ['coach', 'learn', 'teach', 'grow'],
  },
  {
    id: 'activity partner',
    category: 'intent',
    // "<activity> buddy/partner" ("hiking buddy", "tennis partner") is recognised by a rule in the lexicon scan.
    forms: ['activity partner', 'training partner', 'adventure buddy', 'sports partner', 'exercise partner'],
    related: ['teammate', 'crew', 'squad'],
  },
  {
    id: 'emotional support',
    category: 'intent',
    forms: ['emotional support', 'support', 'someone to talk to', 'listener', 'good listener', 'shoulder to lean on', 'understanding', 'empathy'],
    related: ['lonely', 'loneliness', 'anxiety', 'talk', 'listen', 'vent'],
  },
];

// Data, kept compact: a concept to a line, its words together.
// prettier-ignore
export const TOPIC_CONCEPTS: ConceptSpec[] = [
  // outdoors
  { id: 'hiking', category: 'outdoors', forms: ['hiking', 'hike', 'hiker', 'trekking', 'trek', 'trekker', 'hillwalking', 'hill walking', 'backpacking', 'backpacker', 'rambling', 'trail walking', 'fell walking'], related: ['mountain', 'trail', 'summit', 'peak', 'wilderness', 'nature', 'outdoors', 'alps', 'national park'] },
  { id: 'camping', category: 'outdoors', forms: ['camping', 'camp', 'camper', 'glamping', 'bushcraft', 'campfire'], related: ['tent', 'nature', 'outdoors', 'wilderness', 'forest'] },
  { id: 'climbing', category: 'outdoors', forms: ['climbing', 'rock climbing', 'bouldering', 'climber', 'alpinism', 'alpinist'], related: ['mountain', 'crag', 'wall', 'summit', 'peak'] },
  { id: 'cycling', category: 'outdoors', forms: ['cycling', 'biking', 'bike', 'bicycle', 'cyclist', 'mountain biking', 'road cycling', 'bikepacking'], related: ['ride', 'trail', 'tour de france'] },
  { id: 'kayaking', category: 'outdoors', forms: ['kayaking', 'kayak', 'canoeing', 'canoe', 'paddleboarding', 'paddle boarding', 'rowing', 'rafting'], related: ['river', 'lake', 'paddle', 'water'] },
  { id: 'surfing', category: 'outdoors', forms: ['surfing', 'surf', 'surfer', 'windsurfing', 'kitesurfing', 'bodyboarding'], related: ['beach', 'wave', 'ocean', 'sea'] },
  { id: 'skiing', category: 'outdoors', forms: ['skiing', 'ski', 'skier', 'snowboarding', 'snowboard', 'snowboarder'], related: ['snow', 'mountain', 'slope', 'alps', 'winter'] },
  { id: 'gardening', category: 'outdoors', forms: ['gardening', 'garden', 'gardener', 'horticulture', 'growing vegetables', 'allotment', 'houseplants', 'plants'], related: ['flower', 'vegetable', 'compost', 'nature'] },
  { id: 'fishing', category: 'outdoors', forms: ['fishing', 'angling', 'fly fishing', 'angler'], related: ['river', 'lake', 'boat'] },
  { id: 'birdwatching', category: 'outdoors', forms: ['birdwatching', 'bird watching', 'birding', 'birder', 'wildlife watching'], related: ['birds', 'wildlife', 'nature', 'binoculars'] },
  { id: 'sailing', category: 'outdoors', forms: ['sailing', 'sail', 'sailor', 'yachting', 'boating'], related: ['boat', 'sea', 'ocean', 'harbour'] },
  // fitness
  { id: 'running', category: 'fitness', forms: ['running', 'run', 'runner', 'jogging', 'jog', 'jogger', 'marathon', 'half marathon', 'trail running', '5k', 'parkrun'], related: ['race', 'track', 'pace'] },
  { id: 'gym', category: 'fitness', forms: ['gym', 'weightlifting', 'weight lifting', 'lifting weights', 'strength training', 'bodybuilding', 'powerlifting', 'crossfit', 'working out', 'workout', 'fitness'], related: ['muscle', 'training', 'exercise', 'protein'] },
  { id: 'yoga', category: 'fitness', forms: ['yoga', 'yogi', 'pilates', 'vinyasa', 'hatha'], related: ['stretching', 'flexibility', 'mat', 'mindfulness'] },
  { id: 'swimming', category: 'fitness', forms: ['swimming', 'swim', 'swimmer', 'open water swimming', 'wild swimming'], related: ['pool', 'lake', 'sea'] },
  { id: 'dancing', category: 'fitness', forms: ['dancing', 'dance', 'dancer', 'salsa', 'bachata', 'ballet', 'tango', 'swing dancing', 'hip hop dance'], related: ['club', 'choreography', 'rhythm'] },
  { id: 'martial arts', category: 'fitness', forms: ['martial arts', 'karate', 'judo', 'jiu jitsu', 'bjj', 'taekwondo', 'kickboxing', 'boxing', 'muay thai', 'kung fu'], related: ['dojo', 'sparring', 'belt'] },
  // sports
  { id: 'football', category: 'sports', forms: ['football', 'soccer', 'futsal'], related: ['premier league', 'match', 'stadium', 'goal', 'team'] },
  { id: 'basketball', category: 'sports', forms: ['basketball', 'hoops', 'nba'], related: ['court', 'team'] },
  { id: 'tennis', category: 'sports', forms: ['tennis', 'padel', 'squash', 'badminton', 'pickleball', 'table tennis', 'ping pong'], related: ['racket', 'court', 'wimbledon'] },
  { id: 'golf', category: 'sports', forms: ['golf', 'golfing', 'golfer'], related: ['course', 'club'] },
  { id: 'volleyball', category: 'sports', forms: ['volleyball', 'beach volleyball'], related: ['beach', 'team'] },
  { id: 'baseball', category: 'sports', forms: ['baseball', 'softball', 'cricket'], related: ['bat', 'team'] },
  // music
  { id: 'live music', category: 'music', forms: ['live music', 'concerts', 'concert', 'gigs', 'gig', 'music festivals', 'festival', 'festivals'], related: ['band', 'stage', 'tour', 'music'] },
  { id: 'guitar', category: 'music', forms: ['guitar', 'guitarist', 'bass guitar', 'ukulele'], related: ['band', 'chords', 'music', 'instrument'] },
  { id: 'piano', category: 'music', forms: ['piano', 'pianist', 'keyboard player', 'keys'], related: ['music', 'instrument', 'classical'] },
  { id: 'singing', category: 'music', forms: ['singing', 'sing', 'singer', 'choir', 'karaoke', 'vocalist'], related: ['song', 'music', 'voice'] },
  { id: 'music', category: 'music', forms: ['music', 'musician', 'songwriting', 'music production', 'producing music', 'djing', 'dj', 'vinyl', 'record collecting'], related: ['song', 'album', 'playlist', 'band', 'spotify', 'instrument'] },
  { id: 'jazz', category: 'music', forms: ['jazz', 'blues', 'soul music', 'funk'], related: ['saxophone', 'club'] },
  { id: 'classical music', category: 'music', forms: ['classical music', 'opera', 'orchestra', 'symphony', 'violin', 'cello'], related: ['composer', 'music'] },
  { id: 'rock music', category: 'music', forms: ['rock music', 'rock', 'metal', 'heavy metal', 'punk', 'indie rock', 'indie music'], related: ['band', 'guitar', 'music'] },
  { id: 'electronic music', category: 'music', forms: ['electronic music', 'techno', 'house music', 'edm', 'drum and bass', 'raving', 'rave'], related: ['club', 'dj', 'music'] },
  // tech
  { id: 'programming', category: 'tech', forms: ['programming', 'coding', 'code', 'write code', 'writing code', 'writes code', 'coder', 'software development', 'software engineering', 'software engineer', 'developer', 'web development', 'open source', 'hacking', 'hackathon', 'javascript', 'typescript', 'python', 'rust'], related: ['software', 'computer', 'tech', 'github', 'app'] },
  { id: 'artificial intelligence', category: 'tech', forms: ['artificial intelligence', 'ai', 'machine learning', 'deep learning', 'data science', 'data scientist', 'llm', 'neural networks'], related: ['data', 'algorithm', 'tech', 'robot'] },
  { id: 'technology', category: 'tech', forms: ['technology', 'tech', 'gadgets', 'computers', 'electronics', 'robotics', 'tinkering', 'maker', '3d printing', 'arduino', 'raspberry pi'], related: ['software', 'startup', 'innovation', 'science'] },
  { id: 'crypto', category: 'tech', forms: ['crypto', 'cryptocurrency', 'blockchain', 'bitcoin', 'ethereum', 'web3'], related: ['finance', 'investing'] },
  { id: 'science', category: 'tech', forms: ['science', 'physics', 'chemistry', 'biology', 'astronomy', 'stargazing', 'space', 'scientist'], related: ['research', 'lab', 'telescope', 'nasa'] },
  // arts
  { id: 'photography', category: 'arts', forms: ['photography', 'photographer', 'photos', 'photo', 'taking pictures', 'film photography', 'street photography', 'camera'], related: ['lens', 'portrait', 'landscape', 'instagram', 'darkroom'] },
  { id: 'painting', category: 'arts', forms: ['painting', 'paint', 'painter', 'watercolour', 'watercolor', 'oil painting', 'acrylics', 'drawing', 'sketching', 'sketch', 'illustration', 'illustrator'], related: ['canvas', 'brush', 'art', 'gallery', 'studio'] },
  { id: 'art', category: 'arts', forms: ['art', 'arts', 'artist', 'fine art', 'art galleries', 'gallery', 'museums', 'museum', 'exhibitions', 'sculpture'], related: ['painting', 'design', 'creative', 'creativity'] },
  { id: 'crafts', category: 'arts', forms: ['crafts', 'crafting', 'knitting', 'crochet', 'sewing', 'pottery', 'ceramics', 'woodworking', 'embroidery', 'diy', 'quilting'], related: ['handmade', 'yarn', 'clay', 'workshop', 'creative'] },
  { id: 'writing', category: 'arts', forms: ['writing', 'writer', 'creative writing', 'poetry', 'poet', 'blogging', 'blog', 'journaling', 'screenwriting', 'novelist', 'storytelling'], related: ['story', 'novel', 'poem', 'author'] },
  { id: 'theatre', category: 'arts', forms: ['theatre', 'theater', 'acting', 'actor', 'actress', 'improv', 'drama', 'musicals', 'stand-up comedy', 'standup', 'comedy', 'comedian'], related: ['stage', 'play', 'broadway', 'performance'] },
  { id: 'design', category: 'arts', forms: ['design', 'graphic design', 'designer', 'interior design', 'architecture', 'ux design', 'typography'], related: ['creative', 'aesthetic', 'art'] },
  { id: 'fashion', category: 'arts', forms: ['fashion', 'style', 'vintage clothes', 'thrifting', 'thrift shopping', 'streetwear', 'makeup'], related: ['clothes', 'outfit', 'shopping'] },
  // film and tv
  { id: 'movies', category: 'film', forms: ['movies', 'movie', 'films', 'film', 'cinema', 'cinephile', 'filmmaking', 'documentaries', 'documentary', 'netflix', 'tv series', 'anime'], related: ['director', 'screen', 'actor', 'series', 'watch'] },
  // food
  { id: 'cooking', category: 'food', forms: ['cooking', 'cook', 'chef', 'home cooking', 'culinary', 'meal prep', 'cuisine'], related: ['recipe', 'kitchen', 'food', 'dinner', 'pasta'] },
  { id: 'baking', category: 'food', forms: ['baking', 'bake', 'baker', 'pastry', 'sourdough', 'cakes'], related: ['bread', 'oven', 'dessert', 'kitchen'] },
  { id: 'foodie', category: 'food', forms: ['foodie', 'food', 'eating out', 'restaurants', 'restaurant', 'street food', 'fine dining', 'brunch', 'food tours', 'gastronomy'], related: ['dinner', 'taste', 'cuisine', 'dish', 'sushi', 'tacos'] },
  { id: 'wine', category: 'food', forms: ['wine', 'wine tasting', 'sommelier', 'vineyards', 'natural wine'], related: ['vineyard', 'bar', 'tasting', 'cheese'] },
  { id: 'coffee', category: 'food', forms: ['coffee', 'espresso', 'cafes', 'cafe', 'barista', 'specialty coffee'], related: ['latte', 'roast', 'brew'] },
  { id: 'craft beer', category: 'food', forms: ['craft beer', 'beer', 'brewing', 'homebrewing', 'breweries', 'pubs', 'pub'], related: ['ale', 'bar', 'hops'] },
  { id: 'vegan', category: 'food', forms: ['vegan', 'veganism', 'vegetarian', 'plant based', 'plant-based'], related: ['animal welfare', 'tofu', 'sustainability'] },
  // travel
  { id: 'travel', category: 'travel', forms: ['travel', 'travelling', 'traveling', 'traveler', 'traveller', 'wanderlust', 'globetrotting', 'exploring new places', 'road trips', 'road trip', 'adventure travel', 'solo travel'], related: ['trip', 'journey', 'abroad', 'passport', 'country', 'explore', 'adventure', 'vacation', 'holiday', 'flight'] },
  { id: 'languages', category: 'travel', forms: ['languages', 'language learning', 'learning languages', 'language exchange', 'polyglot', 'spanish', 'french', 'japanese', 'german', 'italian', 'mandarin'], related: ['culture', 'abroad', 'conversation', 'duolingo'] },
  { id: 'culture', category: 'travel', forms: ['culture', 'history', 'heritage', 'anthropology', 'archaeology'], related: ['museum', 'travel', 'tradition'] },
  // reading
  { id: 'reading', category: 'reading', forms: ['reading', 'books', 'book', 'reader', 'bookworm', 'book club', 'literature', 'novels', 'audiobooks', 'poetry reading'], related: ['library', 'author', 'novel', 'story', 'kindle', 'bookshop'] },
  { id: 'philosophy', category: 'reading', forms: ['philosophy', 'philosopher', 'ethics', 'stoicism', 'deep conversations', 'debate', 'debating'], related: ['ideas', 'meaning', 'conversation', 'psychology'] },
  { id: 'psychology', category: 'reading', forms: ['psychology', 'neuroscience', 'human behaviour', 'human behavior', 'personal development', 'self improvement'], related: ['mind', 'behaviour', 'growth'] },
  { id: 'podcasts', category: 'reading', forms: ['podcasts', 'podcast', 'podcasting'], related: ['listen', 'episode', 'audio'] },
  // games
  { id: 'board games', category: 'games', forms: ['board games', 'board game', 'boardgames', 'tabletop games', 'tabletop', 'dungeons and dragons', 'd&d', 'dnd', 'chess', 'card games', 'puzzles', 'trivia', 'pub quiz', 'escape rooms'], related: ['game night', 'strategy', 'dice', 'catan'] },
  { id: 'video games', category: 'games', forms: ['video games', 'video game', 'gaming', 'gamer', 'esports', 'playstation', 'xbox', 'nintendo', 'pc gaming', 'retro gaming', 'streaming games'], related: ['console', 'twitch', 'steam', 'game'] },
  // volunteering and causes
  { id: 'volunteering', category: 'volunteering', forms: ['volunteering', 'volunteer', 'charity', 'charity work', 'community service', 'nonprofit', 'non-profit', 'fundraising', 'giving back', 'food bank'], related: ['community', 'help', 'cause', 'ngo', 'donate'] },
  { id: 'activism', category: 'volunteering', forms: ['activism', 'activist', 'climate action', 'social justice', 'politics', 'human rights', 'sustainability', 'environment', 'environmentalism', 'zero waste'], related: ['climate', 'planet', 'change', 'protest', 'green'] },
  // entrepreneurship and careers
  { id: 'entrepreneurship', category: 'entrepreneurship', forms: ['entrepreneurship', 'entrepreneur', 'startups', 'startup', 'start-up', 'founder', 'start a company', 'start a business', 'starting a company', 'starting a business', 'founding a company', 'small business', 'side hustle', 'business'], related: ['venture', 'company', 'pitch', 'product', 'scale', 'innovation'] },
  { id: 'investing', category: 'entrepreneurship', forms: ['investing', 'investment', 'investor', 'stocks', 'stock market', 'personal finance', 'finance', 'trading', 'real estate'], related: ['money', 'market', 'portfolio', 'economics'] },
  { id: 'marketing', category: 'entrepreneurship', forms: ['marketing', 'branding', 'sales', 'growth hacking', 'social media marketing', 'advertising'], related: ['brand', 'audience', 'campaign'] },
  // wellness
  { id: 'meditation', category: 'wellness', forms: ['meditation', 'meditate', 'mindfulness', 'mindful', 'breathwork', 'spirituality', 'spiritual', 'retreats'], related: ['calm', 'peace', 'zen', 'buddhism', 'wellbeing'] },
  { id: 'wellness', category: 'wellness', forms: ['wellness', 'wellbeing', 'well-being', 'self care', 'self-care', 'mental health', 'healthy living', 'nutrition', 'sauna', 'cold plunge'], related: ['health', 'balance', 'therapy', 'spa', 'sleep'] },
  // pets and animals
  { id: 'dogs', category: 'pets', forms: ['dogs', 'dog', 'puppy', 'puppies', 'dog walking', 'dog lover', 'dog owner'], related: ['pet', 'walk', 'park', 'animal'] },
  { id: 'cats', category: 'pets', forms: ['cats', 'cat', 'kitten', 'kittens', 'cat lover'], related: ['pet', 'animal'] },
  { id: 'animals', category: 'pets', forms: ['animals', 'animal', 'pets', 'pet', 'horses', 'horse riding', 'equestrian', 'wildlife', 'animal rescue'], related: ['zoo', 'farm', 'nature'] },
  // social life
  { id: 'nightlife', category: 'social', forms: ['nightlife', 'clubbing', 'partying', 'parties', 'party', 'cocktails', 'bars'], related: ['club', 'drinks', 'dance'] },
  { id: 'parenting', category: 'social', forms: ['parenting', 'parent', 'mom', 'mum', 'dad', 'family', 'kids', 'children', 'single parent'], related: ['child', 'school', 'playground'] },
  { id: 'faith', category: 'social', forms: ['faith', 'church', 'religion', 'prayer', 'bible study', 'mosque', 'temple', 'christian', 'muslim', 'jewish'], related: ['worship', 'god', 'spiritual'] },
  { id: 'cars', category: 'social', forms: ['cars', 'car', 'motorsport', 'formula 1', 'f1', 'motorcycles', 'motorbikes', 'racing'], related: ['engine', 'drive', 'track'] },
];
