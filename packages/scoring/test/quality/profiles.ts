import type { CandidateProfile } from '@circle-match/scoring';

/**
 * Hand-written profiles for the relevance set: varied wording on purpose (synonyms, plurals, capitals,
 * paraphrases), several near-misses per topic, and decoys whose text contains a topic as a substring only.
 * Everyone lives within ~15 km of central London so distance barely separates them.
 */
type Row = [id: string, name: string, age: number, gender: string, interests: string[], needs: string[], bio: string];

const ROWS: Row[] = [
  ['p01', 'Alice Hart', 28, 'female', ['Hiking', 'Photography'], ['friendship'], 'Weekend hiker chasing summits and sunrises.'],
  ['p02', 'Ben Ortiz', 31, 'male', ['Trekking', 'Camping'], ['activity partner'], 'Spent last summer trekking across the Alps.'],
  ['p03', 'Chloe Park', 26, 'female', ['Fell walking', 'Wild swimming'], ['friendship'], 'Happiest on a muddy trail with a flask of tea.'],
  ['p04', 'Dan Reyes', 34, 'male', ['Backpacking', 'Travel'], ['friendship'], 'Backpacked through Patagonia, planning Nepal next.'],
  ['p05', 'Ella Stone', 29, 'female', ['Camping', 'Gardening'], ['friendship'], 'Campfires, stars and slow mornings.'],
  ['p06', 'Finn Walsh', 40, 'male', ['Rock climbing', 'Bouldering'], ['activity partner'], 'Climbing wall three times a week.'],
  ['p07', 'Gina Lopez', 24, 'female', ['Bouldering', 'Yoga'], ['friendship'], 'Chalky hands, calm mind.'],
  ['p08', 'Hugo Brand', 37, 'male', ['Road cycling', 'Running'], ['activity partner'], 'Cyclist and occasional marathoner.'],
  ['p09', 'Isla Moore', 27, 'female', ['Running', 'Parkrun'], ['activity partner'], 'Training for my first half marathon.'],
  ['p10', 'Jack Lee', 33, 'male', ['Gym', 'Weightlifting'], ['activity partner'], 'Looking for a gym buddy who shows up at 6am.'],
  ['p11', 'Kira Novak', 30, 'female', ['Yoga', 'Meditation'], ['emotional support'], 'Yoga teacher, mindful living, good listener.'],
  ['p12', 'Liam Chen', 29, 'male', ['Software engineering', 'Open source'], ['networking'], 'Backend developer who writes Rust for fun.'],
  ['p13', 'Maya Singh', 32, 'female', ['Machine learning', 'Data science'], ['mentorship'], 'ML engineer, happy to mentor women in tech.'],
  ['p14', 'Noah Kim', 25, 'male', ['Coding', 'Video games'], ['friendship'], 'Programmer by day, gamer by night.'],
  ['p15', 'Olivia Grant', 41, 'female', ['Startups', 'Investing'], ['networking'], 'Second-time founder building a fintech company.'],
  ['p16', 'Pablo Diaz', 36, 'male', ['Entrepreneurship', 'Marketing'], ['networking', 'mentorship'], 'I help small businesses grow.'],
  ['p17', 'Quinn Avery', 27, 'non-binary', ['Painting', 'Art galleries'], ['friendship'], 'Watercolour painter, museum wanderer.'],
  ['p18', 'Rosa Bianchi', 35, 'female', ['Fine art', 'Sculpture'], ['dating'], 'Artist with a studio in Hackney.'],
  ['p19', 'Sam Fisher', 30, 'male', ['Street photography', 'Film photography'], ['friendship'], 'Always carrying a 35mm camera.'],
  ['p20', 'Tara Quinn', 23, 'female', ['Pottery', 'Knitting'], ['friendship'], 'Making mugs nobody asked for.'],
  ['p21', 'Umar Farouk', 38, 'male', ['Guitar', 'Live music'], ['friendship'], 'Guitarist looking for people to jam with.'],
  ['p22', 'Vera Ilic', 26, 'female', ['Singing', 'Choir'], ['friendship'], 'Alto in a community choir.'],
  ['p23', 'Will Turner', 44, 'male', ['Jazz', 'Vinyl'], ['dating'], 'Jazz clubs and record shops.'],
  ['p24', 'Xena Wolf', 29, 'female', ['Techno', 'Festivals'], ['friendship'], 'Berlin raves and London warehouses.'],
  ['p25', 'Yusuf Ali', 31, 'male', ['Cooking', 'Baking'], ['dating'], 'Home cook, sourdough obsessive.'],
  ['p26', 'Zoe Adams', 28, 'female', ['Foodie', 'Wine tasting'], ['dating'], 'Brunch, natural wine and street food markets.'],
  ['p27', 'Adam Novak', 33, 'male', ['Coffee', 'Cafes'], ['friendship'], 'Specialty coffee nerd, V60 every morning.'],
  ['p28', 'Bea Costa', 42, 'female', ['Vegan cooking', 'Sustainability'], ['friendship'], 'Plant-based chef and zero waste advocate.'],
  ['p29', 'Carl Jung', 50, 'male', ['Reading', 'Philosophy'], ['friendship'], 'Book club regular, Stoicism fan.'],
  ['p30', 'Dina Ross', 34, 'female', ['Books', 'Creative writing'], ['friendship'], 'Bookworm writing her first novel.'],
  ['p31', 'Eli Brooks', 27, 'male', ['Board games', 'Dungeons and Dragons'], ['friendship'], 'Dungeon master, Catan champion.'],
  ['p32', 'Fay Dunn', 31, 'female', ['Chess', 'Puzzles'], ['friendship'], 'Chess club on Thursdays.'],
  ['p33', 'Gus Hale', 22, 'male', ['Gaming', 'Esports'], ['friendship'], 'Competitive gamer, PC and console.'],
  ['p34', 'Hana Sato', 36, 'female', ['Volunteering', 'Food bank'], ['friendship'], 'Volunteer at the local food bank.'],
  ['p35', 'Ivan Petrov', 39, 'male', ['Charity work', 'Fundraising'], ['networking'], 'Running charity fundraisers for 10 years.'],
  ['p36', 'Jade Moss', 30, 'female', ['Dogs', 'Dog walking'], ['friendship'], 'Two rescue greyhounds and a lot of walks.'],
  ['p37', 'Kai Mendes', 28, 'male', ['Surfing', 'Skateboarding'], ['activity partner'], 'Surf trips to Cornwall whenever possible.'],
  ['p38', 'Lena Berg', 45, 'female', ['Skiing', 'Hiking'], ['dating'], 'Alpine skier, summer hiker.'],
  ['p39', 'Marco Rossi', 33, 'male', ['Football', 'Basketball'], ['activity partner'], 'Sunday league footballer.'],
  ['p40', 'Nina Holt', 29, 'female', ['Tennis', 'Padel'], ['activity partner'], 'Looking for a tennis partner for weekends.'],
  ['p41', 'Omar Haddad', 35, 'male', ['Languages', 'Travel'], ['friendship'], 'Speaks four languages, learning Japanese.'],
  ['p42', 'Pia Lund', 38, 'female', ['Travel', 'Photography'], ['dating'], 'Solo traveller with a camera.'],
  ['p43', 'Raj Patel', 30, 'male', ['Start-up life', 'Hustle'], ['networking'], 'Ready to start something new, ask me about it.'],
  ['p44', 'Sara Olsen', 55, 'female', ['Gardening', 'Birdwatching'], ['friendship'], 'Allotment, binoculars and a thermos.'],
  ['p45', 'Tom Wright', 26, 'male', ['Stand-up comedy', 'Improv'], ['friendship'], 'Open mic comedian.'],
  ['p46', 'Uma Reddy', 32, 'female', ['Mental health', 'Journaling'], ['emotional support'], 'Here to listen, no judgement.'],
  ['p47', 'Victor Hugo', 48, 'male', ['Mentoring', 'Leadership'], ['mentorship'], 'Retired CTO mentoring first-time managers.'],
  ['p48', 'Wendy Cho', 27, 'female', ['Dancing', 'Salsa'], ['dating'], 'Salsa on Tuesdays, bachata on Fridays.'],
  ['p49', 'Xavier Bell', 31, 'male', ['Mountain biking', 'Camping'], ['activity partner'], 'Muddy trails on two wheels.'],
  ['p50', 'Yara Haddad', 29, 'female', ['Hill walking', 'Birdwatching'], ['friendship'], 'Peak District most weekends.'],
];

const LONDON = { latitude: 51.5074, longitude: -0.1278 };

export const PROFILES: CandidateProfile[] = ROWS.map(([id, name, age, gender, interests, needs, bio], i) => {
  const [first_name = '', last_name = ''] = name.split(' ');
  // Deterministic spread over ~15 km around the centre.
  const angle = (i * 137.5 * Math.PI) / 180;
  const radiusDeg = 0.02 + (i % 7) * 0.018;
  return {
    id,
    first_name,
    last_name,
    age,
    gender,
    interests,
    needs,
    about: bio,
    latitude: LONDON.latitude + radiusDeg * Math.sin(angle),
    longitude: LONDON.longitude + radiusDeg * 1.6 * Math.cos(angle),
  };
});

export const CENTRE = LONDON;
