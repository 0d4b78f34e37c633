export function time(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
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
