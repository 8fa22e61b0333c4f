// Web-first assertions for playwright-core locators (they retry until the page gets there), and
// jest's own expect for everything else: playwright's expect ships only with @playwright/test.
import type { Locator } from 'playwright-core';

interface Options {
  readonly timeout?: number;
}

const isLocator = (x: unknown): x is Locator => typeof x === 'object' && x !== null && 'waitFor' in x && 'innerText' in x;

async function retry(what: string, probe: () => Promise<{ pass: boolean; seen: unknown }>, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen: unknown = undefined;
  for (;;) {
    try {
      const result = await probe();
      if (result.pass) return;
      seen = result.seen;
    } catch (err) {
      seen = (err as Error).message.split('\n')[0];
    }
    if (Date.now() > deadline) throw new Error(`expected ${what} within ${timeout} ms; last seen: ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function locatorMatchers(locator: Locator, negate = false) {
  const check = (what: string, test: () => Promise<{ pass: boolean; seen: unknown }>, options?: Options) =>
    retry(`${locator} ${negate ? 'not ' : ''}${what}`, async () => {
      const r = await test();
      return { pass: negate ? !r.pass : r.pass, seen: r.seen };
    }, options?.timeout);
  const text = async () => (await locator.innerText({ timeout: 1_000 })).trim();
  return {
    toContainText: (expected: string, options?: Options) => check(`to contain text ${JSON.stringify(expected)}`, async () => { const seen = await text(); return { pass: seen.includes(expected), seen }; }, options),
    toHaveText: (expected: string, options?: Options) => check(`to have text ${JSON.stringify(expected)}`, async () => { const seen = await text(); return { pass: seen === expected, seen }; }, options),
    toBeVisible: (options?: Options) => check('to be visible', async () => ({ pass: await locator.isVisible(), seen: 'hidden or absent' }), options),
    toBeFocused: (options?: Options) => check('to be focused', async () => ({ pass: (await locator.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement, undefined, { timeout: 1_000 })) === true, seen: 'not focused' }), options),
    toHaveValue: (expected: string, options?: Options) => check(`to have value ${JSON.stringify(expected)}`, async () => { const seen = await locator.inputValue({ timeout: 1_000 }); return { pass: seen === expected, seen }; }, options),
    toHaveCount: (expected: number, options?: Options) => check(`to match ${expected} elements`, async () => { const seen = await locator.count(); return { pass: seen === expected, seen }; }, options),
    toBeDisabled: (options?: Options) => check('to be disabled', async () => ({ pass: await locator.isDisabled({ timeout: 1_000 }), seen: 'enabled' }), options),
    toHaveAttribute: (name: string, expected: string, options?: Options) => check(`to have ${name}=${JSON.stringify(expected)}`, async () => { const seen = await locator.getAttribute(name, { timeout: 1_000 }); return { pass: seen === expected, seen }; }, options),
  };
}

type LocatorExpect = ReturnType<typeof locatorMatchers> & { not: ReturnType<typeof locatorMatchers> };

export function expect(actual: Locator): LocatorExpect;
export function expect(actual: () => Promise<unknown>): { toPass(options?: Options): Promise<void> };
export function expect<T>(actual: T): jest.JestMatchers<T>;
export function expect(actual: unknown): unknown {
  if (isLocator(actual)) return { ...locatorMatchers(actual), not: locatorMatchers(actual, true) };
  if (typeof actual === 'function') {
    return {
      toPass: (options?: Options) =>
        retry('the block to pass', async () => {
          await (actual as () => Promise<unknown>)();
          return { pass: true, seen: null };
        }, options?.timeout),
    };
  }
  return (globalThis as unknown as { expect: (x: unknown) => unknown }).expect(actual);
}
