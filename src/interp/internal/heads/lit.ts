/** Literal heads. `text` arguments arrive as the literal's UTF-8 bytes (encoded once, at compile time). */
import type { HeadName } from "../../../core/heads/table.ts";
import type { HeadFn } from "./impl.ts";

export const LIT_HEADS = {
  // A fresh copy each time: the result is owned and may be mutated (bytes.set_u8).
  "bytes.lit": (rt, text: Uint8Array) => rt.copyOf(text),
  // Static data: every evaluation shares the same bytes, which no view can mutate.
  "bytes.view_lit": (_rt, text: Uint8Array) => text,
  "i32.lit": (_rt, x: number) => x | 0,
} as const satisfies { readonly [K in HeadName]?: HeadFn };
