/**
 * Times for the ratios to the floors: the process's CPU time (user + system, microseconds), not the clock. On a
 * machine shared with other work a figure and its floor then count only what this process did: the clock counts the
 * waits for a core as well (on 2 cores with a load average of 10 the same run took from 1x to 3x as long).
 */
export function time(fn: () => unknown): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}
export function rate(n: number, fn: () => unknown): number {
  return n / (time(fn) / 1000);
}
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
export function print(title: string, figures: Record<string, string>): void {
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(48)} ${v}`);
}
