import { randomUUID } from 'node:crypto';
import { UuidTable } from '../src/index/uuid-table.js';

/** The index's id table: slots by id, ids by slot, in the canonical form the database returns. */
describe('uuid table', () => {
  it('when ids are held, then each slot gives its id back in canonical lower-case form', () => {
    const table = new UuidTable();
    const ids = [
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '0a0b0c0d-0e0f-1011-1213-141516171819',
      ...Array.from({ length: 500 }, () => randomUUID()),
    ];
    table.reserve(ids.length);
    ids.forEach((id, slot) => table.set(id, slot));
    ids.forEach((id, slot) => {
      expect(table.idAt(slot)).toBe(id);
      expect(table.slotOf(id)).toBe(slot);
    });
  });

  it('when an id is given in upper case, then it is found and given back in lower case', () => {
    const table = new UuidTable();
    table.reserve(1);
    table.set('A0B1C2D3-E4F5-4677-8899-AABBCCDDEEFF', 0);
    expect(table.idAt(0)).toBe('a0b1c2d3-e4f5-4677-8899-aabbccddeeff');
    expect(table.slotOf('a0b1c2d3-e4f5-4677-8899-aabbccddeeff')).toBe(0);
  });
});
