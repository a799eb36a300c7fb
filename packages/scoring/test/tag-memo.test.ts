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

  it('when codes are asked for, then rows of bytes or of 32-bit integers come back, holding -1 until written', () => {
    const memo = new TagMemo({ length: 5 }, normaliseTag);
    const codes = memo.codes('tag hike');
    const wide = memo.wideCodes('tags hike|jazz');
    expect(codes).toBeInstanceOf(Int8Array);
    expect(wide).toBeInstanceOf(Int32Array);
    expect([...codes.subarray(0, 5), ...wide.subarray(0, 5)].every((code) => code === -1)).toBe(true);
    codes[2] = 3;
    wide[4] = 2 ** 30;
    expect(memo.codes('tag hike')[2]).toBe(3);
    expect(memo.wideCodes('tags hike|jazz')[4]).toBe(2 ** 30);
  });

  it('when a key is asked for with another row type, then its row is made anew, never read as the other type', () => {
    const memo = new TagMemo({ length: 4 }, normaliseTag);
    memo.codes('tag hike')[0] = 3;
    expect(memo.row('tag hike')[0]).toBeNaN();
    expect(memo.codes('tag hike')[0]).toBe(-1);
  });

  it('when rows of codes fill the budget, then they count by their bytes: a byte row costs an eighth of a value row', () => {
    const memo = new TagMemo({ length: 4 }, normaliseTag, 128); // rows of 16: 16 bytes of codes, 128 of values
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) memo.codes(key)[0] = 1;
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].every((key) => memo.codes(key)[0] === 1)).toBe(true);
    memo.row('values')[0] = 0.5; // 128 more bytes: every row of codes is forgotten
    expect(memo.codes('h')[0]).toBe(-1);
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
