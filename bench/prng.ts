/**
 * A small seeded PRNG (mulberry32): the synthetic graph must be the same on every
 * machine and every run, so that results at one scale compare across runs.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Number of failures before a success with mean `mean`: a long-tailed count. */
  geometric(mean: number): number {
    const p = 1 / (1 + mean);
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** `k` distinct items (all of them when there are fewer), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return this.shuffle([...items]);
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(this.int(items.length));
    return [...chosen].map((i) => items[i]!);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}
