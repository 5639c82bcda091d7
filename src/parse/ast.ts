/**
 * The typed x07AST: what `parse` produces and every later stage consumes.
 *
 * Every node carries `ptr`, the RFC 6901 JSON Pointer of the JSON value it was read from, so any stage
 * can report a precise location; the source file is the owning document's `file`. Declarations are kept
 * in source order (canonical order is a formatting concern, see `x07-sdk/authoring`).
 */
import type { JsonValue } from "../core/json/index.ts";
import type { X07AstVersion } from "./versions.ts";

/** An i32 literal. */
export interface IntExpr {
  readonly kind: "int";
  readonly value: number;
  readonly ptr: string;
}

/** An identifier atom (a local, a symbol, an operator). */
export interface AtomExpr {
  readonly kind: "atom";
  readonly name: string;
  readonly ptr: string;
}

/** The text argument of `bytes.lit` / `bytes.view_lit` (may hold whitespace). */
export interface TextExpr {
  readonly kind: "text";
  readonly value: string;
  readonly ptr: string;
}

/** A list `[head, ...args]`; `head` is the form or callee name. */
export interface ListExpr {
  readonly kind: "list";
  readonly head: string;
  readonly args: ReadonlyArray<Expr>;
  readonly ptr: string;
}

/** An expression. */
export type Expr = IntExpr | AtomExpr | TextExpr | ListExpr;

/** A type reference: a concrete name (`i32`), a type variable (`["t","A"]`) or an application (`["option", "i32"]`). */
export type TypeRef =
  | { readonly kind: "named"; readonly name: string; readonly ptr: string }
  | { readonly kind: "var"; readonly name: string; readonly ptr: string }
  | { readonly kind: "app"; readonly head: string; readonly args: ReadonlyArray<TypeRef>; readonly ptr: string };

/** The bounds a type parameter may carry. */
export type TypeBound = "any" | "bytes_like" | "num_like" | "value" | "hashable" | "orderable";

/** A generic type parameter. */
export interface TypeParam {
  readonly name: string;
  readonly bound?: TypeBound;
  readonly ptr: string;
}

/** A function parameter. */
export interface Param {
  readonly name: string;
  readonly ty: TypeRef;
  readonly brand?: string;
  readonly ptr: string;
}

/** A contract clause (`requires`, `ensures`, `invariant`, `decreases`, loop and protocol clauses). */
export interface ContractClause {
  readonly id?: string;
  readonly expr: Expr;
  readonly witness: ReadonlyArray<Expr>;
  readonly ptr: string;
}

/** A loop contract attached to the `for` loop at `target` (a pointer under the same decl's body). */
export interface LoopContract {
  readonly target: string;
  readonly invariant: ReadonlyArray<ContractClause>;
  readonly decreases: ReadonlyArray<ContractClause>;
  readonly ptr: string;
}

/** The async protocol clauses of a `defasync` (0.7.0+). */
export interface AsyncProtocol {
  readonly awaitInvariant: ReadonlyArray<ContractClause>;
  readonly scopeInvariant: ReadonlyArray<ContractClause>;
  readonly cancellationEnsures: ReadonlyArray<ContractClause>;
  readonly ptr: string;
}

/** Fields shared by `defn` and `defasync`. */
export interface FunctionDeclBase {
  readonly name: string;
  readonly doc?: string;
  readonly typeParams: ReadonlyArray<TypeParam>;
  readonly params: ReadonlyArray<Param>;
  readonly result: TypeRef;
  readonly resultBrand?: string;
  readonly requires: ReadonlyArray<ContractClause>;
  readonly ensures: ReadonlyArray<ContractClause>;
  readonly invariant: ReadonlyArray<ContractClause>;
  readonly loopContracts: ReadonlyArray<LoopContract>;
  readonly body: Expr;
  readonly ptr: string;
}

/** A synchronous function. */
export interface DefnDecl extends FunctionDeclBase {
  readonly kind: "defn";
  readonly decreases: ReadonlyArray<ContractClause>;
}

/** An async function (returns a task handle when called). */
export interface DefasyncDecl extends FunctionDeclBase {
  readonly kind: "defasync";
  readonly protocol?: AsyncProtocol;
}

/** A C-ABI function implemented outside x07. */
export interface ExternDecl {
  readonly kind: "extern";
  readonly name: string;
  readonly abi: "C";
  readonly linkName?: string;
  readonly params: ReadonlyArray<Param>;
  readonly result: TypeRef;
  readonly ptr: string;
}

/** The module's export list. */
export interface ExportDecl {
  readonly kind: "export";
  readonly names: ReadonlyArray<string>;
  readonly ptr: string;
}

/** A record type (0.9.0): named i32/u32 fields. */
export interface DefrecordDecl {
  readonly kind: "defrecord";
  readonly name: string;
  readonly doc?: string;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly ty: string; readonly ptr: string }>;
  readonly ptr: string;
}

/** An enum type (0.9.0): unit variants or a single scalar payload. */
export interface DefenumDecl {
  readonly kind: "defenum";
  readonly name: string;
  readonly doc?: string;
  readonly variants: ReadonlyArray<{ readonly name: string; readonly payload?: string; readonly ptr: string }>;
  readonly ptr: string;
}

/** A declaration. */
export type Decl = DefnDecl | DefasyncDecl | ExternDecl | ExportDecl | DefrecordDecl | DefenumDecl;

/** An import of a module id. */
export interface Import {
  readonly module: string;
  readonly ptr: string;
}

/** One parsed x07AST document. */
export interface X07AstDocument {
  /** The file it was read from, when known. */
  readonly file?: string;
  readonly schemaVersion: X07AstVersion;
  readonly kind: "entry" | "module";
  readonly moduleId: string;
  readonly imports: ReadonlyArray<Import>;
  readonly decls: ReadonlyArray<Decl>;
  /** The entry expression (entry documents only). */
  readonly solve?: Expr;
  /** Tool metadata, not interpreted. */
  readonly meta?: { readonly [key: string]: JsonValue };
}
