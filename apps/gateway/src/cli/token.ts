import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { mintDevToken } from '../dev-token.js';

/** `npm run token -- --user UUID [--ttl 1h]`: a development JWT for that member, signed with JWT_SECRET (HS256). */
loadDotenv({ quiet: true });
const { values } = parseArgs({ options: { user: { type: 'string' }, ttl: { type: 'string', default: '1h' } } });
const user = z.uuid().safeParse(values.user);
const secret = process.env.JWT_SECRET;
if (!user.success) {
  process.stderr.write('usage: npm run token -- --user <uuid> [--ttl 1h]   (--user must be a UUID)\n');
  process.exit(1);
}
if (!secret || secret.length < 32) {
  process.stderr.write('JWT_SECRET must be set (at least 32 characters) to sign a token\n');
  process.exit(1);
}
const token = await mintDevToken(user.data, secret, { ttl: values.ttl, issuer: process.env.JWT_ISSUER, audience: process.env.JWT_AUDIENCE });
process.stdout.write(`${token}\n`);
