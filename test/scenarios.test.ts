/** Worked examples as data: each file in test/scenarios has a scenario, the expected report fields and its source. */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { evaluate } from "../src";

const dir = join(__dirname, "scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

describe("worked examples (test/scenarios)", () => {
  it("has the required examples", () => {
    expect(files).toEqual(expect.arrayContaining(["besluit-2014-calamity.json", "hr-2020-partnership-split.json"]));
  });

  it.each(files)("%s", (file) => {
    const data = JSON.parse(readFileSync(join(dir, file), "utf8"));
    expect(typeof data.source).toBe("string");
    expect(data.source.length).toBeGreaterThan(20);
    expect(evaluate(data.scenario)).toMatchObject(data.expect);
  });
});
