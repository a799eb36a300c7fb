import { TagMemo } from '../src/factors/tag-memo.js';
import { normaliseTag } from '../src/lexicon.js';

describe('TagMemo', () => {
  it('when a row is asked for the first time, then it holds NaN for every numbered tag', () => {
    const memo = new TagMemo({ length: 5 }, normaliseTag);
    const row = memo.row('tag hike');
    expect(row.length).toBeGreaterThanOrEqual(5);
    expect([...row.subarray(0, 5)].every(Number.isNaN)).toBe(true);
  });

  it('when a row is asked again, then it comes back with what was written into it', () => {
    const memo = new TagMemo({ length: 5 }, normaliseTag);
    memo.row('tag hike')[3] = 0.5;
    expect(memo.row('tag hike')[3]).toBe(0.5);
    expect(memo.row('tag jazz')[3]).toBeNaN();
  });

  it('when tags are numbered after a row was made, then the row grows to hold them and keeps its values', () => {
    const tags = { length: 2 };
    const memo = new TagMemo(tags, normaliseTag);
    memo.row('tag hike')[1] = 1;
    tags.length = 300;
    const grown = memo.row('tag hike');
    expect(grown.length).toBeGreaterThanOrEqual(300);
    expect(grown[1]).toBe(1);
    expect(grown[299]).toBeNaN();
  });

  it('when rows outgrow the byte budget, then the least recently used is forgotten and the rest kept', () => {
    const memo = new TagMemo({ length: 4 }, normaliseTag, 256); // rows of 16 values (128 bytes): the budget keeps two
    memo.row('a')[0] = 1;
    memo.row('b')[0] = 1;
    memo.row('a'); // a is now the most recently used
    memo.row('c')[0] = 1;
    expect(memo.row('a')[0]).toBe(1);
    expect(memo.row('b')[0]).toBeNaN();
  });

  it('when cleared (the tags were read anew), then nothing written or read before is kept', () => {
    let reads = 0;
    const memo = new TagMemo({ length: 4 }, (raw) => (reads++, normaliseTag(raw)));
    memo.row('tag hike')[0] = 1;
    memo.read('Hiking');
    memo.clear();
    expect(memo.row('tag hike')[0]).toBeNaN();
    memo.read('Hiking');
    expect(reads).toBe(2);
  });

  it("when a requester's tag is read twice, then the owner's reading is made once and given both times", () => {
    let reads = 0;
    const memo = new TagMemo({ length: 4 }, (raw) => (reads++, normaliseTag(raw)));
    const first = memo.read('Trekking');
    expect(memo.read('Trekking')).toBe(first);
    expect(first).toEqual(normaliseTag('Trekking'));
    expect(reads).toBe(1);
  });
});
