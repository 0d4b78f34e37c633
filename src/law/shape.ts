/**
 * A small strict shape checker for the law data files: every key must be known, every value of the
 * right type. A misplaced or misspelled key is an error (so a typo in the data fails CI instead of
 * being ignored, as OpenFisca's parameter schema does).
 */
export type Check = (value: unknown, path: string, errors: string[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function obj(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v, path, errors) => {
    if (!isObject(v)) {
      errors.push(`${path}: expected an object`);
      return;
    }
    for (const [k, check] of Object.entries(required)) {
      if (!(k in v)) errors.push(`${path}.${k}: missing`);
      else check(v[k], `${path}.${k}`, errors);
    }
    for (const [k, val] of Object.entries(v)) {
      if (k in required) continue;
      if (k in optional) optional[k](val, `${path}.${k}`, errors);
      else if (k !== "$comment") errors.push(`${path}.${k}: unknown key`);
    }
  };
}

export function record(keyPattern: RegExp, check: Check): Check {
  return (v, path, errors) => {
    if (!isObject(v)) {
      errors.push(`${path}: expected an object`);
      return;
    }
    for (const [k, val] of Object.entries(v)) {
      if (!keyPattern.test(k)) errors.push(`${path}.${k}: key does not match ${keyPattern}`);
      else check(val, `${path}.${k}`, errors);
    }
  };
}

export function arr(check: Check, minLength = 0): Check {
  return (v, path, errors) => {
    if (!Array.isArray(v)) {
      errors.push(`${path}: expected an array`);
      return;
    }
    if (v.length < minLength) errors.push(`${path}: expected at least ${minLength} entries`);
    v.forEach((item, i) => check(item, `${path}[${i}]`, errors));
  };
}

export const str: Check = (v, path, errors) => {
  if (typeof v !== "string") errors.push(`${path}: expected a string`);
};
export const bool: Check = (v, path, errors) => {
  if (typeof v !== "boolean") errors.push(`${path}: expected true or false`);
};
export const nonNegInt: Check = (v, path, errors) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) errors.push(`${path}: expected a whole number >= 0`);
};
export const year: Check = (v, path, errors) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 2000 || v > 2100) errors.push(`${path}: expected a year`);
};
/** An exact decimal written as a string ("7.56"): never a float in the data. */
export const decimalString: Check = (v, path, errors) => {
  if (typeof v !== "string" || !/^\d+(\.\d+)?$/.test(v)) errors.push(`${path}: expected a decimal string such as "7.56"`);
};
export function oneOf(values: readonly string[]): Check {
  return (v, path, errors) => {
    if (typeof v !== "string" || !values.includes(v)) errors.push(`${path}: expected one of ${values.join(", ")}`);
  };
}
export function nullable(check: Check): Check {
  return (v, path, errors) => {
    if (v !== null) check(v, path, errors);
  };
}

export function checkShape(check: Check, value: unknown, name: string): string[] {
  const errors: string[] = [];
  check(value, name, errors);
  return errors;
}
