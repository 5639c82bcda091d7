/**
 * The Effect pipeline (`x07-sdk/pipeline`): each stage as an `Effect` with typed failures and its
 * dependencies as services. Today: parse (from text or from a file) and the authoring commands; later
 * stages (check, interp, test, prove, certify) plug in with the same shape: input + options in, a result
 * or a tagged error out, services in the `R` channel.
 *
 * @packageDocumentation
 */
import { Effect, Layer } from "effect";
import type { FileSystem } from "effect";
import { InvalidInputError } from "../core/io/errors.ts";
import { readBytes } from "../core/io/files.ts";
import { parseX07Ast } from "../parse/index.ts";
import type { ParseOptions, X07AstDocument } from "../parse/index.ts";
import { layerNodeFileSystem } from "../services/index.ts";

export { InvalidInputError, FileReadError, FileWriteError } from "../core/io/errors.ts";
export type { X07Error } from "../core/io/errors.ts";

/**
 * Parses x07AST text or bytes; fails with `InvalidInputError` carrying the diagnostics.
 * @since 0.1.0
 * @category stages
 */
export const parse = (input: string | Uint8Array, options: ParseOptions = {}): Effect.Effect<X07AstDocument, InvalidInputError> =>
  Effect.suspend(() => {
    const r = parseX07Ast(input, options);
    return r.ok ? Effect.succeed(r.document) : Effect.fail(new InvalidInputError({ diagnostics: r.diagnostics }));
  });

/**
 * Reads and parses an x07AST file.
 * @since 0.1.0
 * @category stages
 */
export const parseFile = (path: string, options: Omit<ParseOptions, "file"> = {}) =>
  Effect.flatMap(readBytes(path), (bytes) => parse(bytes, { ...options, file: path }));

/**
 * Everything the stages need on Node, in one layer.
 * @since 0.1.0
 * @category layers
 */
export const layerNode: Layer.Layer<FileSystem.FileSystem> = layerNodeFileSystem;
