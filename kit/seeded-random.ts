/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same numbers, so a
 * test that makes random choices can be run again with the choices of a failing run.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed named `variable` in the environment (to replay a run), else a new one; either way a whole number below 2³². */
export function seedFromEnvironment(variable: string): number {
  const given = process.env[variable];
  if (given === undefined || given === '') return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
    throw new Error(`${variable} must be a whole number from 0 to 4294967295, not '${given}'`);
  return seed;
}
