import { matchResponseSchema } from '@circle-match/contracts';
import {
  createTestDatabase,
  insertProfiles,
  insertRelations,
  profile,
  type ProfileFixture,
  type TestDatabase,
} from '@circle-match/test-support';
import request from 'supertest';
import { Database } from '../src/data-access/database.js';
import { MemberRepository } from '../src/data-access/member-repository.js';
import { API_KEY, matchingApp, PERFECT_FIT, type TestApp } from './support.js';

/**
 * docs/semantics.md with Circle's relations (blocks, friendships, explore_interactions) and its invisible and is_deleted
 * flags: every trap below is a perfect fit for the requester (same interests, bio, age and place), so only the
 * filter keeps it out. Controls beside them (a pending friendship, a view, an old pass, someone else's block) must
 * stay in, or the filters would be too wide.
 */
const DAY = 86_400_000;
const perfect = PERFECT_FIT;
const member = (first_name: string, extra: ProfileFixture = {}) => profile({ ...perfect, first_name, ...extra });
const requester = member('Requester');
const bystander = member('Bystander');
const traps = {
  'blocked by the requester': member('BlockedByRequester'),
  'blocking the requester': member('BlockingRequester'),
  invisible: member('Invisible', { invisible_mode: true }),
  'deleted by is_deleted': member('IsDeleted', { is_deleted: true }),
  'an accepted friend': member('AcceptedFriend'),
  'an active friend (listed second)': member('ActiveFriend'),
  'passed on 2 days ago': member('PassedRecently'),
  'liked 100 days ago': member('Liked'),
  'super-liked': member('SuperLiked'),
};
const controls = {
  'a pending friend': member('PendingFriend'),
  'an inactive friendship': member('InactiveFriendship'),
  'viewed only': member('Viewed'),
  'passed on 40 days ago (past the 30-day cooldown)': member('PassedLongAgo'),
  'blocked by someone else': member('BlockedBySomeoneElse'),
  'with is_deleted NULL': member('IsDeletedNull', { is_deleted: null }),
};

let db: TestDatabase;
let service: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, bystander, ...Object.values(traps), ...Object.values(controls)]);
  const r = requester.id;
  await insertRelations(db.url, {
    blocks: [
      [r, traps['blocked by the requester'].id],
      [traps['blocking the requester'].id, r],
      [bystander.id, controls['blocked by someone else'].id],
    ],
    friendships: [
      { user1: r, user2: traps['an accepted friend'].id, status: 'accepted' },
      { user1: traps['an active friend (listed second)'].id, user2: r, status: 'active' },
      { user1: r, user2: controls['a pending friend'].id, status: 'pending' },
      { user1: controls['an inactive friendship'].id, user2: r, status: 'inactive' },
    ],
    interactions: [
      { user: r, target: traps['passed on 2 days ago'].id, action: 'pass', at: new Date(Date.now() - 2 * DAY) },
      { user: r, target: traps['liked 100 days ago'].id, action: 'like', at: new Date(Date.now() - 100 * DAY) },
      { user: r, target: traps['super-liked'].id, action: 'super_like' },
      { user: r, target: controls['viewed only'].id, action: 'view' },
      {
        user: r,
        target: controls['passed on 40 days ago (past the 30-day cooldown)'].id,
        action: 'pass',
        at: new Date(Date.now() - 40 * DAY),
      },
      // Someone else's pass and like do not hide anyone from the requester.
      { user: bystander.id, target: controls['viewed only'].id, action: 'pass' },
      { user: bystander.id, target: controls['a pending friend'].id, action: 'like' },
    ],
  });
  service = await matchingApp(db.url);
});

afterAll(async () => {
  await service.close();
  await db.close();
});

async function ids(body: object, userId = requester.id): Promise<string[]> {
  const res = await request(service.app)
    .post('/api/ml/match')
    .set('X-API-Key', API_KEY)
    .send({ user_id: userId, limit: 100, ...body });
  expect(res.status).toBe(200);
  return matchResponseSchema.parse(res.body).matches.map((m) => m.id);
}

const everyone = [bystander, ...Object.values(traps), ...Object.values(controls)].map((p) => p.id);

describe("Circle's relations and flags", () => {
  it('when every relation exists, then exactly the unrelated members and the expired pass are returned', async () => {
    const expected = [bystander, ...Object.values(controls)].map((p) => p.id).sort();
    expect((await ids({})).sort()).toEqual(expected);
    // The candidate index left the traps out of the pool itself: the per-answer re-check had nothing to drop.
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, limit: 100 });
    expect(res.body.total_candidates).toBe(expected.length);
  });

  it.each(Object.entries(traps))(
    'when a perfect candidate is %s, then it is never returned, not even named in candidate_ids',
    async (_name, trap) => {
      expect(await ids({})).not.toContain(trap.id);
      expect(await ids({ prompt: 'hiking photography friends near me' })).not.toContain(trap.id);
      expect(await ids({ candidate_ids: [trap.id] })).toEqual([]);
      expect(await ids({ candidate_ids: everyone })).not.toContain(trap.id);
    },
  );

  it.each(Object.entries(controls))('when a candidate is %s, then it is still returned', async (_name, control) => {
    expect(await ids({})).toContain(control.id);
    expect(await ids({ candidate_ids: [control.id] })).toEqual([control.id]);
  });

  it('when a block is between two others, then each still sees everyone else', async () => {
    // The bystander blocked one member; the requester's traps are not the bystander's.
    const found = await ids({}, bystander.id);
    expect(found).not.toContain(controls['blocked by someone else'].id);
    expect(found).toContain(traps['blocked by the requester'].id);
    expect(found).toContain(traps['an accepted friend'].id);
  });

  it('when the requester is deleted by is_deleted, then they get 404 like a deleted_at one', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: traps['deleted by is_deleted'].id });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, code: 'PROFILE_NOT_FOUND' });
  });

  it('when the requester is invisible, then they may still search', async () => {
    expect(await ids({}, traps.invisible.id)).toContain(bystander.id);
  });
});

describe('changes made a moment ago (no change-feed read in between)', () => {
  const client = () => new Database(service.connections, { maxWaiting: 10 });

  it('when the requester blocks a member, then the very next answer leaves them out; unblocked, they come back', async () => {
    const target = controls['viewed only'];
    await insertRelations(db.url, { blocks: [[requester.id, target.id]] });
    expect(await ids({})).not.toContain(target.id);
    await service.connections.query('DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2', [
      requester.id,
      target.id,
    ]);
    expect(await ids({})).toContain(target.id);
  });

  it('when a member blocks the requester, then the very next answer leaves them out', async () => {
    const target = member('BlocksLater');
    await insertProfiles(db.url, [target]);
    await service.catchUp();
    expect(await ids({})).toContain(target.id);
    await insertRelations(db.url, { blocks: [[target.id, requester.id]] });
    expect(await ids({})).not.toContain(target.id);
    expect(await ids({ candidate_ids: [target.id] })).toEqual([]);
  });

  it('when a member turns invisible, then the very next answer leaves them out, before the index hears of it', async () => {
    const target = member('GoesInvisible');
    await insertProfiles(db.url, [target]);
    await service.catchUp();
    expect(await ids({})).toContain(target.id);
    await service.connections.query('UPDATE profiles SET invisible_mode = true WHERE id = $1', [target.id]);
    expect(await ids({})).not.toContain(target.id);
    await service.catchUp(); // and once the index has it, it is gone from the index too
    expect(await ids({ candidate_ids: [target.id] })).toEqual([]);
  });

  it('when the requester passes, likes or befriends someone, then the very next answer leaves them out', async () => {
    const [passed, liked, friend] = [member('PassedNow'), member('LikedNow'), member('FriendNow')];
    await insertProfiles(db.url, [passed, liked, friend]);
    await service.catchUp();
    expect(await ids({})).toEqual(expect.arrayContaining([passed.id, liked.id, friend.id]));
    await insertRelations(db.url, {
      interactions: [
        { user: requester.id, target: passed.id, action: 'pass' },
        { user: requester.id, target: liked.id, action: 'like' },
      ],
      friendships: [{ user1: friend.id, user2: requester.id, status: 'accepted' }],
    });
    const found = await ids({});
    for (const gone of [passed, liked, friend]) expect(found).not.toContain(gone.id);
  });

  it('when the re-check is asked about related or hidden members, then it drops them whatever the index says', async () => {
    const members = new MemberRepository(client());
    const asked = [
      traps['blocked by the requester'],
      traps['blocking the requester'],
      traps.invisible,
      traps['an accepted friend'],
      traps['super-liked'],
      bystander,
    ];
    const kept = await members.firstStillEligible(
      asked.map((p) => p.id),
      { requesterId: requester.id, passCooldownDays: 30, inactiveDays: 45, ageRange: null, gender: null },
      asked.length,
    );
    expect(kept.map((p) => p.id)).toEqual([bystander.id]);
  });

  it('when more are still eligible than the page needs, then the first of them in the order asked come back, in that order', async () => {
    const members = new MemberRepository(client());
    const filters = { requesterId: requester.id, passCooldownDays: 30, inactiveDays: 45, ageRange: null, gender: null };
    const asked = [
      controls['viewed only'],
      traps.invisible,
      bystander,
      controls['a pending friend'],
      controls['an inactive friendship'],
    ].map((p) => p.id);
    expect((await members.firstStillEligible(asked, filters, 2)).map((p) => p.id)).toEqual([
      controls['viewed only'].id,
      bystander.id,
    ]);
    expect((await members.firstStillEligible([...asked].reverse(), filters, 3)).map((p) => p.id)).toEqual([
      controls['an inactive friendship'].id,
      controls['a pending friend'].id,
      bystander.id,
    ]);
  });
});

describe('PASS_COOLDOWN_DAYS', () => {
  it('when the cooldown is longer than a pass is old, then the passed member stays out', async () => {
    const longCooldown = await matchingApp(db.url, { passCooldownDays: 60 });
    try {
      const res = await request(longCooldown.app)
        .post('/api/ml/match')
        .set('X-API-Key', API_KEY)
        .send({ user_id: requester.id, limit: 100 });
      expect(res.status).toBe(200);
      expect(matchResponseSchema.parse(res.body).matches.map((m) => m.id)).not.toContain(
        controls['passed on 40 days ago (past the 30-day cooldown)'].id,
      );
    } finally {
      await longCooldown.close();
    }
  });
});
