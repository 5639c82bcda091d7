/** Runtime fuel chunks: the counter stays small, and the budget is exact across chunk boundaries. */
import { describe, expect, it } from "vitest";
import { Runtime } from "../../../src/interp/internal/runtime.ts";
import { InterpTrap } from "../../../src/interp/internal/trap.ts";

const limits = (fuel: number) => ({ fuel, maxMemoryBytes: 1 << 20, maxOutputBytes: 1 << 20 });

describe("Runtime fuel", () => {
  it("hands out a large budget in chunks and traps exactly when it is spent", () => {
    const rt = new Runtime(new Uint8Array(0), limits(2 ** 29 + 2));
    expect(rt.fuel).toBe(2 ** 29);
    expect(rt.fuelLeft()).toBe(2 ** 29 + 2);
    rt.fuel = -1; // the first chunk is spent and one more node charged
    rt.refuel("/a");
    expect(rt.fuel).toBe(1);
    expect(rt.fuelLeft()).toBe(1);
    expect(--rt.fuel).toBe(0);
    expect(--rt.fuel).toBe(-1);
    let caught: unknown;
    try {
      rt.refuel("/b");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InterpTrap);
    expect(caught).toMatchObject({ code: "X07I_TRAP_FUEL", message: "fuel exhausted", ptr: "/b" });
    expect(rt.fuelLeft()).toBe(0);
  });
  it("a zero budget traps on the first charge", () => {
    const rt = new Runtime(new Uint8Array(0), limits(0));
    expect(() => {
      if (--rt.fuel < 0) rt.refuel("/");
    }).toThrow();
  });
});
