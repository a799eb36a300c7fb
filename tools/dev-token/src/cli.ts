import { parseArgs } from 'node:util';
import { parseEnv } from '@circle-match/service-kit';
import { z } from 'zod';
import { mintDevToken } from './index.js';

/** `npm run token -- --user UUID [--ttl 1h]`: a development JWT for that member, signed with JWT_SECRET (HS256). */
const { values } = parseArgs({ options: { user: { type: 'string' }, ttl: { type: 'string', default: '1h' } } });
const user = z.uuid().safeParse(values.user);
if (!user.success) {
  process.stderr.write('usage: npm run token -- --user <uuid> [--ttl 1h]   (--user must be a UUID)\n');
  process.exit(1);
}
const env = (() => {
  try {
    return parseEnv(
      z.object({
        JWT_SECRET: z
          .string({ error: 'must be set to sign a token' })
          .min(32, { error: 'must be at least 32 characters' }),
        JWT_ISSUER: z.string().optional(),
        JWT_AUDIENCE: z.string().optional(),
      }),
    );
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
})();
const token = await mintDevToken(user.data, env.JWT_SECRET, {
  ttl: values.ttl,
  issuer: env.JWT_ISSUER,
  audience: env.JWT_AUDIENCE,
});
process.stdout.write(`${token}\n`);
