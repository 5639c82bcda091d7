/**
 * std.brand heads whose runtime effect is nil or a copy: brands are compile-time facts, so at run time a branded
 * value is the plain value (upstream `emit_std_brand_*_to`). The brand id arrives as an ignored placeholder.
 * The three `cast_*` heads call a user validator and are compiled in compile.ts (compileBrandCast).
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { HeadFn } from "./impl.ts";

export const BRAND_HEADS = {
  "std.brand.assume_bytes_v1": (_rt, _brand: unknown, b: Uint8Array) => b,
  "std.brand.erase_bytes_v1": (_rt, b: Uint8Array) => b,
  "std.brand.erase_view_v1": (_rt, v: Uint8Array) => v,
  "std.brand.view_v1": (_rt, b: Uint8Array) => b,
  "std.brand.to_bytes_preserve_if_full_v1": (rt, v: Uint8Array) => rt.copyOf(v),
} as const satisfies { readonly [K in HeadName]?: HeadFn };
