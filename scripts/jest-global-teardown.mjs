// Stops the server jest-global-setup.mjs started (nothing for TEST_DATABASE_URL's).
export default async function globalTeardown() {
  await globalThis.__circleMatchTestDatabase?.stop();
}
