/**
 * The 23 special forms as data: which arguments are names, bodies, types, descriptors or plain expressions,
 * and how the result type is formed. Arity and lint repairs stay in ./forms.ts (FORM_SHAPES); this table
 * adds the argument roles that `check` and `interp` need. Upstream: the form arms of `infer`
 * (crates/x07c/src/c_emit_types.rs), `emit_*_to` for each form (c_emit_builtins.rs, c_emit_async.rs),
 * docs/language/syntax-x07ast.md, budget-scopes.md, concurrency-multiprocessing.md, generics.md.
 */

/** The role of one argument position of a form. */
export type FormArg =
  | "name" // a bare identifier that is bound or assigned, not evaluated
  | "expr" // evaluated once, in order
  | "cond" // evaluated as an i32 condition (non-zero is true)
  | "body" // an expression evaluated zero or more times or conditionally, in its own scope
  | "callee" // a function name (tapp)
  | "types" // a type-argument list (tapp: ["tys", …] or a list of type refs)
  | "descriptor" // a descriptor head list (cfg / cases), parsed statically, not evaluated
  | "text-literal" // ["bytes.lit", "…"] read statically
  | "int-literal"; // a JSON integer read statically

export interface FormSpec {
  readonly group: "control" | "short-circuit" | "generic" | "scoped";
  /** Fixed roles, in order. */
  readonly args: ReadonlyArray<FormArg>;
  /** Role of any further arguments (variadic forms). */
  readonly rest?: FormArg;
  /** The descriptor head(s) allowed in `descriptor` positions. */
  readonly descriptors?: ReadonlyArray<string>;
  /** How the result type is formed, in words. */
  readonly result: string;
  /** Only in solve/defasync. */
  readonly asyncOnly?: true;
  /** Needs a world capability; outside the pure subset. */
  readonly capability?: "rr" | "stream";
  readonly note?: string;
}

export const SPECIAL_FORMS = {
  begin: { group: "control", args: ["expr"], rest: "expr", result: "type of the last expression; earlier ones are statements; one scope for all", note: "At least one expression." },
  unsafe: { group: "control", args: ["expr"], rest: "expr", result: "as begin", note: "Needs the unsafe world capability; outside solve-pure." },
  let: { group: "control", args: ["name", "expr"], result: "type of the value (the binding is visible to the rest of the enclosing scope)" },
  set: { group: "control", args: ["name", "expr"], result: "the variable's type; value must be assignable to it" },
  set0: { group: "control", args: ["name", "expr"], result: "i32 (always 0); for statement-position assignment" },
  if: { group: "control", args: ["cond", "body", "body"], result: "common type of both branches; a never branch takes the other's type" },
  match: { group: "control", args: ["expr"], rest: "body", result: "common type of the arms (x07AST 0.9, exhaustive over a defenum)", note: "Arm shape is defined by defenum; see docs/language/types-memory.md." },
  for: { group: "control", args: ["name", "expr", "expr", "body"], result: "i32 (0)", note: "Binds (or reuses, if already i32) the loop variable; iterates start..end-1 with a signed < test; the body is a statement." },
  while: { group: "control", args: ["cond", "body"], result: "i32 (0)", note: "Bindings made in the condition do not leak." },
  return: { group: "control", args: ["expr"], result: "never" },
  try: { group: "control", args: ["expr"], result: "the ok payload (i32 / bytes / bytes_view); on err returns the error from the enclosing function", note: "Enclosing function must return a compatible result_* type." },
  try_doc: { group: "control", args: ["expr"], result: "bytes", note: "Argument is a doc envelope (bytes or bytes_view)." },
  "&&": { group: "short-circuit", args: ["expr", "body"], result: "i32 0/1; the second operand is evaluated only if the first is non-zero" },
  "||": { group: "short-circuit", args: ["expr", "body"], result: "i32 0/1; the second operand is evaluated only if the first is zero" },
  tapp: { group: "generic", args: ["callee", "types"], rest: "expr", result: "the callee's result with its type parameters substituted (monomorphized)" },
  "budget.scope_v1": { group: "scoped", args: ["descriptor", "body"], descriptors: ["budget.cfg_v1"], result: "type of the body; mode result_err_v1 requires a result_* body and overwrites it with the budget error" },
  "budget.scope_from_arch_v1": { group: "scoped", args: ["text-literal", "body"], result: "as budget.scope_v1 (cfg loaded from arch/budgets/profiles/<id>.budget.json)" },
  "task.scope_v1": { group: "scoped", args: ["descriptor", "body"], descriptors: ["task.scope.cfg_v1"], result: "type of the body (which must not be a slot or select event)", asyncOnly: true, note: "Children cannot outlive the scope; at exit remaining children are joined/canceled per cfg." },
  "task.scope.select_v1": { group: "scoped", args: ["descriptor", "descriptor"], descriptors: ["task.scope.select.cfg_v1", "task.scope.select.cases_v1"], result: "task_select_evt_v1 (docs: i32 event id)", asyncOnly: true },
  "task.scope.select_try_v1": { group: "scoped", args: ["descriptor", "descriptor"], descriptors: ["task.scope.select.cfg_v1", "task.scope.select.cases_v1"], result: "option_task_select_evt_v1 (docs: option_i32)", asyncOnly: true },
  "std.rr.with_v1": { group: "scoped", args: ["expr", "body"], result: "type of the body; enclosing function must return result_i32 or result_bytes", capability: "rr" },
  "std.rr.with_policy_v1": { group: "scoped", args: ["text-literal", "text-literal", "int-literal", "body"], result: "as std.rr.with_v1", capability: "rr" },
  "std.stream.pipe_v1": { group: "scoped", args: ["descriptor"], rest: "descriptor", result: "per the pipe's sink (see docs/language/stream-pipes.md)", capability: "stream", note: "34 std.stream.* descriptors; outside the solve-pure subset." },
} as const satisfies Record<string, FormSpec>;

export type SpecialFormName = keyof typeof SPECIAL_FORMS;

/** Descriptor heads: valid only in a form's descriptor position, never as expressions. */
export const DESCRIPTOR_HEADS = {
  "budget.cfg_v1": "budget.scope_v1",
  "task.scope.cfg_v1": "task.scope_v1",
  "task.scope.select.cfg_v1": "task.scope.select_v1",
  "task.scope.select.cases_v1": "task.scope.select_v1",
  "task.scope.select.case_slot_bytes_v1": "task.scope.select.cases_v1",
  "task.scope.select.case_chan_recv_bytes_v1": "task.scope.select.cases_v1",
  tys: "tapp",
} as const satisfies Record<string, string>;
