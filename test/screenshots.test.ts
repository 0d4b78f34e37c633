/**
 * npm run screenshots writes a PNG to docs/img/ only when the picture visibly changed: chromium's anti-aliasing
 * differs a little from run to run, and rewriting all of them each time left a dirty tree with nothing to see.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { PNG } from "pngjs";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { visibleDifference, screenshotEnv, CHANNEL_TOLERANCE } = require("../scripts/screenshots") as {
  visibleDifference: (a: Buffer, b: Buffer) => string | null;
  screenshotEnv: (env: Record<string, string | undefined>, dir: string) => Record<string, string | undefined>;
  CHANNEL_TOLERANCE: number;
};

const shot = readFileSync(join(__dirname, "..", "docs", "img", "03-beoordelen.png"));

/** the committed screenshot with `edit` applied to its RGBA pixels, encoded again (other compression, same picture) */
function edited(edit: (data: Buffer, width: number, height: number) => void): Buffer {
  const png = PNG.sync.read(shot);
  edit(png.data, png.width, png.height);
  return PNG.sync.write(png, { deflateLevel: 1 });
}

describe("scripts/screenshots.js: visibleDifference", () => {
  it("the same picture, encoded differently, is no change", () => {
    const again = edited(() => undefined);
    expect(again.equals(shot)).toBe(false);
    expect(visibleDifference(shot, again)).toBeNull();
  });

  it("anti-aliasing noise (small steps on edge pixels) is no change", () => {
    const noisy = edited((d) => {
      for (let i = 0; i < d.length; i += 4 * 97) d[i] = Math.max(0, Math.min(255, d[i] + (i % 8 ? CHANNEL_TOLERANCE : -CHANNEL_TOLERANCE)));
    });
    expect(visibleDifference(shot, noisy)).toBeNull();
  });

  it("a changed digit (a block of 5×6 pixels) is a change; so is another size", () => {
    const changed = edited((d, w) => {
      for (let y = 100; y < 106; y++) for (let x = 40; x < 45; x++) d.fill(d[(y * w + x) * 4] > 127 ? 0 : 255, (y * w + x) * 4, (y * w + x) * 4 + 3);
    });
    expect(visibleDifference(shot, changed)).toBe("30 pixels anders");
    const png = new PNG({ width: 10, height: 10 });
    expect(visibleDifference(shot, PNG.sync.write(png))).toMatch(/^10×10 was \d+×\d+$/);
  });
});

describe("scripts/screenshots.js: the browser's day", () => {
  it("the screenshot run fixes the day the page shows (the letter and the printed report print it), the same every run", () => {
    const env = screenshotEnv({ PATH: "/usr/bin" }, "test-artifacts/screenshots");
    expect(env).toMatchObject({ PATH: "/usr/bin", KIA_SCREENSHOTS_DIR: "test-artifacts/screenshots", CI: "true" });
    expect(env.KIA_SCREENSHOT_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${env.KIA_SCREENSHOT_DATE}T12:00:00`).getTime()).not.toBeNaN();
    expect(screenshotEnv({}, "x").KIA_SCREENSHOT_DATE).toBe(env.KIA_SCREENSHOT_DATE);
  });
});
