/**
 * Every diagnostic code this SDK emits, with a one-line summary of our own.
 *
 * Codes are named in upstream's families (`X07-…` compiler/lint, `X07V_…` verify, `X07TC_…` certify,
 * `X07T_…` test, `E_ARCH_…`, `EXTAL…`) so CI gates written against upstream keep matching. A test
 * checks that every code the SDK can emit is a key of this table; `DiagnosticCode` is derived from it,
 * so emitting an unlisted code is a compile error.
 */
import { ARCH_CODES } from "./codes/arch.ts";
import { CERTIFY_CODES } from "./codes/certify.ts";
import { INIT_CODES } from "./codes/init.ts";
import { REVIEW_CODES } from "./codes/review.ts";
import { TRUST_CODES } from "./codes/trust.ts";
import { VERIFY_CODES } from "./codes/verify.ts";
import type { CodeInfo } from "./codes/info.ts";

export type { CodeInfo, DiagnosticStage } from "./codes/info.ts";

export const DIAGNOSTIC_CODES = {
  // JSON reading
  "X07-JSON-PARSE-0001": { summary: "The input is not well-formed JSON.", stage: "parse" },
  "X07-JSON-UTF8-0001": { summary: "The input bytes are not valid UTF-8.", stage: "parse" },
  "X07-JSON-DUPKEY-0001": { summary: "An object has the same key twice; JSON readers disagree on which one wins, so it is rejected.", stage: "parse" },
  "X07-JSON-DEPTH-0001": { summary: "Arrays/objects are nested deeper than the reader's limit.", stage: "parse" },
  // x07AST shape
  "X07-SCHEMA-0001": { summary: "The document does not match the x07AST schema for its schema_version.", stage: "parse" },
  "X07-SCHEMA-0002": { summary: "The schema_version is not one this toolchain reads (x07.x07ast@0.3.0 … @0.9.0).", stage: "parse" },
  "X07-X07AST-PARSE-0001": { summary: "The document is schema-shaped but breaks an x07AST rule (name prefix, duplicates, version-gated field).", stage: "parse" },
  "X07-AST-0001": { summary: "An entry document has no /solve expression.", stage: "parse" },
  // lint: arity and forms
  "X07-ARITY-BINOP-0001": { summary: "A binary operator was given other than two operands.", stage: "lint" },
  "X07-ARITY-IF-0001": { summary: "`if` takes exactly condition, then and else.", stage: "lint" },
  "X07-ARITY-FOR-0001": { summary: "`for` takes exactly a variable, start, end and one body expression.", stage: "lint" },
  "X07-ARITY-WHILE-0001": { summary: "`while` takes exactly a condition and one body expression.", stage: "lint" },
  "X07-ARITY-BEGIN-0001": { summary: "`begin` needs at least one expression.", stage: "lint" },
  "X07-ARITY-UNSAFE-0001": { summary: "`unsafe` needs at least one expression.", stage: "lint" },
  "X07-ARITY-LET-0001": { summary: "`let`/`set`/`set0` take exactly a name and a value.", stage: "lint" },
  "X07-ARITY-RETURN-0001": { summary: "`return` takes exactly one value.", stage: "lint" },
  "X07-FOR-0001": { summary: "The loop variable of `for` must be an identifier.", stage: "lint" },
  "X07-UNSAFE-0001": { summary: "An `unsafe` block holds many expressions; keep the unsafe surface small.", stage: "lint" },
  "X07-IMPORT-0002": { summary: "A builtin namespace (std.brand) was imported; its operations need no import.", stage: "lint" },
  // lint: worlds
  "X07-WORLD-OS-0001": { summary: "A std.os.* / std.world.* module is imported in a solve-* world.", stage: "lint" },
  "X07-WORLD-OS-0002": { summary: "An os.* / std.os.* operation is used in a solve-* world; only run-os worlds allow it.", stage: "lint" },
  "X07-WORLD-FS-0001": { summary: "A filesystem operation is used in a world without the fs capability.", stage: "lint" },
  "X07-WORLD-RR-0001": { summary: "A record/replay operation is used in a world without the rr capability.", stage: "lint" },
  "X07-WORLD-KV-0001": { summary: "A key/value operation is used in a world without the kv capability.", stage: "lint" },
  "X07-WORLD-UNSAFE-0001": { summary: "An unsafe or raw-pointer operation is used in a world that does not allow unsafe code.", stage: "lint" },
  "X07-WORLD-FFI-0001": { summary: "An extern (C ABI) declaration is used in a world that does not allow FFI.", stage: "lint" },
  "X07-WORLD-0001": { summary: "The program imports a world adapter module (std.fs/std.rr/std.kv) its world does not provide.", stage: "lint" },
  "X07-WORLD-UNSAFE-0002": { summary: "A raw pointer type appears in a signature in a world that does not allow unsafe code.", stage: "lint" },
  // check: modules
  "X07-MODULE-0001": { summary: "An imported module is neither a built-in std module nor found under any module root.", stage: "parse" },
  "X07-MODULE-0002": { summary: "A module is found under more than one module root; the import is ambiguous.", stage: "parse" },
  "X07-MODULE-0003": { summary: "Modules import each other in a cycle.", stage: "parse" },
  "X07-MODULE-0004": { summary: "A module file declares a module_id other than the one its path says.", stage: "parse" },
  "X07-MODULE-0005": { summary: "A module imported as a library is an entry document (it has /solve).", stage: "parse" },
  // check: types
  "X07-TYPE-0001": { summary: "An identifier is not a local, parameter or `input` in scope.", stage: "type" },
  "X07-TYPE-CALL-0001": { summary: "The callee is neither a builtin, a special form, nor a function in scope (imported or declared).", stage: "type" },
  "X07-TYPE-CALL-0002": { summary: "A call argument has the wrong type for the callee's parameter.", stage: "type" },
  "X07-TYPE-CALL-0003": { summary: "A call passes the wrong number of arguments.", stage: "type" },
  "X07-TYPE-IF-0001": { summary: "An `if` condition is not i32.", stage: "type" },
  "X07-TYPE-IF-0002": { summary: "The branches of an `if` have different types.", stage: "type" },
  "X07-TYPE-RET-0001": { summary: "A returned value (a `return` or the body's value) does not have the function's result type.", stage: "type" },
  "X07-TYPE-SET-0001": { summary: "`set`/`set0` names a local that is not in scope.", stage: "type" },
  "X07-TYPE-SET-0002": { summary: "`set`/`set0` assigns a value of another type than the local's.", stage: "type" },
  "X07-TYPE-0002": { summary: "A type name is not one of the language's types.", stage: "type" },
  "X07-TYPE-0003": { summary: "The entry's /solve expression must produce bytes.", stage: "type" },
  "X07-TYPE-0004": { summary: "A form's operand has the wrong type (loop bounds, conditions, operators).", stage: "type" },
  "X07-TAPP-ELAB-0001": { summary: "A generic call is malformed: `[\"tapp\", callee, [\"tys\", T…], args…]` needs a generic callee and one type argument per type parameter.", stage: "type" },
  "X07-TAPP-INFER-0001": { summary: "A generic function is called without `tapp`; write its type arguments explicitly.", stage: "type" },
  "X07-GENERICS-0001": { summary: "A type argument does not satisfy its type parameter's bound.", stage: "type" },
  "X07-MATCH-0001": { summary: "A match on an enum misses some of its variants (match is exhaustive: one arm per variant, no wildcard).", stage: "type" },
  "X07-MATCH-0002": { summary: "A match arm is malformed, names a variant of another enum, or repeats a variant.", stage: "type" },
  "X07-BUDGET-0001": { summary: "A budget.scope_v1 descriptor is not a well-formed budget.cfg_v1 (mode and label required, known caps only, each once, non-negative integers).", stage: "type" },
  "X07-BUDGET-0002": { summary: "A budget scope in mode result_err_v1 has a body that is not a result_* value.", stage: "type" },
  "X07-CONC-0001": { summary: "An async-only operation (await, task.join.*, task.scope_v1, …) is used outside solve or a defasync body, or a task.scope.* operation outside a task.scope_v1 body.", stage: "type" },
  "X07-CHECK-UNSUPPORTED-0001": { summary: "This construct is valid x07AST but the SDK's checker does not handle it yet; the program is not checked past it.", stage: "type" },
  // check: ownership
  "X07-MOVE-0001": { summary: "A move-only value (bytes, vec_u8) is used after it was moved.", stage: "type" },
  "X07-MOVE-0002": { summary: "A result value is consumed twice.", stage: "type" },
  "X07-MOVE-0003": { summary: "A call that consumes a local and returns its updated value is used as a statement, so the value is lost (bind it back with set).", stage: "type" },
  "X07-BORROW-0002": { summary: "A function returns a bytes_view that borrows from one of its own locals, which is gone when it returns.", stage: "type" },
  "X07-BORROW-0003": { summary: "A view is used after the value it borrows from was moved.", stage: "type" },
  "X07-BORROW-0001": { summary: "bytes.view / bytes.subview / vec_u8.as_view need an identifier owner (bind it with `let` first).", stage: "type" },
  // check: contracts
  "X07-CONTRACT-0001": { summary: "A contract clause does not type-check to i32.", stage: "type" },
  "X07-CONTRACT-0002": { summary: "A contract clause uses something that is not contract-pure (module calls, set, loops, return, try).", stage: "type" },
  "X07-CONTRACT-0003": { summary: "`__result` is used outside an ensures clause.", stage: "type" },
  "X07-CONTRACT-0004": { summary: "`__result` is reserved: it cannot be a parameter or local name in a function with contracts.", stage: "type" },
  // authoring tools
  "X07-FMT-0001": { summary: "The file is not in canonical form (run `x07 fmt --write`).", stage: "rewrite" },
  "X07-FIX-0003": { summary: "A quickfix could not be applied to the document.", stage: "rewrite" },
  "X07-PATCH-0001": { summary: "A JSON Patch operation failed (bad path, failed test, or invalid op).", stage: "rewrite" },
  "X07-PATCHSET-0001": { summary: "The patchset document is invalid or one of its patches failed.", stage: "rewrite" },
  "X07-PTR-0001": { summary: "The JSON Pointer does not name a value in the document.", stage: "parse" },
  "X07-IO-READ-0001": { summary: "A file could not be read.", stage: "parse" },
  "X07-IO-WRITE-0001": { summary: "A file could not be written (the original is left untouched).", stage: "rewrite" },
  "X07-TOOL-ARGS-0001": { summary: "The command line is invalid (unknown flag, missing value or input).", stage: "parse" },
  "X07-INTERNAL-0001": { summary: "An internal error in the SDK (a bug: please report it with the input).", stage: "parse" },
  // interp: runtime traps (the `code` of a run report's trap; the message is upstream's rt_trap text where it has one)
  "X07I_TRAP_FUEL": { summary: "The run used up its fuel (one unit per expression evaluated); upstream's message is \"fuel exhausted\".", stage: "run" },
  "X07I_TRAP_BOUNDS": { summary: "An index, offset or range is outside a bytes, view or vec_u8 (read unsigned; nothing clamps).", stage: "run" },
  "X07I_TRAP_OVERFLOW": { summary: "A length computation would pass 2^32-1 (concat, extend, reserve).", stage: "run" },
  "X07I_TRAP_MEMORY": { summary: "An allocation is larger than the run's memory limit (upstream: \"allocator.alloc failed\"), or the run's optional allocation budget is spent.", stage: "run" },
  "X07I_TRAP_TIME": { summary: "The run passed its optional wall-clock limit (an embedding guard, not deterministic; fuel is the deterministic bound).", stage: "run" },
  "X07I_TRAP_OUTPUT": { summary: "The solve output is longer than the run's output limit.", stage: "run" },
  "X07I_TRAP_PARSE": { summary: "parse.u32_dec met empty input, a non-digit byte or a value above 2^32-1.", stage: "run" },
  "X07I_TRAP_CONVERSION": { summary: "f64.to_i32_trunc got NaN, an infinity or a value outside the i32 range (undefined behaviour upstream).", stage: "run" },
  "X07I_TRAP_COLLECTION": { summary: "A collection head got an invalid handle, a reserved key, a bad capacity, or a full table.", stage: "run" },
  "X07I_TRAP_TASK": { summary: "A task or channel operation failed: invalid handle, output joined twice, send on a closed channel, zero-capacity channel, or a scheduler deadlock (upstream's rt_trap messages).", stage: "run" },
  "X07I_TRAP_BUDGET": { summary: "A budget.scope_v1 cap was exceeded in trap mode; the message is upstream's (X07T_BUDGET_EXCEEDED_ALLOC_BYTES, …_ALLOC_CALLS, …_REALLOC_CALLS, …_MEMCPY_BYTES, …_SCHED_TICKS, …_FUEL).", stage: "run" },
  "X07T_BUDGET_EXCEEDED_ALLOC_BYTES": { summary: "Upstream's trap identifier, reported as the message of X07I_TRAP_BUDGET: a budget.scope_v1 body exceeded its cap on bytes allocated.", stage: "run" },
  "X07T_BUDGET_EXCEEDED_ALLOC_CALLS": { summary: "Upstream's trap identifier, reported as the message of X07I_TRAP_BUDGET: a budget.scope_v1 body exceeded its cap on allocation calls.", stage: "run" },
  "X07T_BUDGET_EXCEEDED_REALLOC_CALLS": { summary: "Upstream's trap identifier, reported as the message of X07I_TRAP_BUDGET: a budget.scope_v1 body exceeded its cap on reallocation calls.", stage: "run" },
  "X07T_BUDGET_EXCEEDED_MEMCPY_BYTES": { summary: "Upstream's trap identifier, reported as the message of X07I_TRAP_BUDGET: a budget.scope_v1 body exceeded its cap on bytes copied.", stage: "run" },
  "X07T_BUDGET_EXCEEDED_SCHED_TICKS": { summary: "Upstream's trap identifier, reported as the message of X07I_TRAP_BUDGET: a budget.scope_v1 body exceeded its cap on virtual scheduler ticks.", stage: "run" },
  "X07T_BUDGET_EXCEEDED_FUEL": { summary: "Upstream's trap identifier, reported as the message of X07I_TRAP_BUDGET: a budget.scope_v1 body exceeded its cap on fuel (the scope's fuel cap ran out).", stage: "run" },
  "X07I_TRAP_STACK": { summary: "Calls nested deeper than the interpreter's stack allows (unbounded recursion).", stage: "run" },
  "X07I_UNSUPPORTED_HEAD": { summary: "The program reached a builtin head or construct the interpreter does not implement yet.", stage: "run" },
  "X07I_INTERNAL": { summary: "An internal interpreter error (a bug: please report it with the program and input).", stage: "run" },
  // test: tests manifests (x07 test)
  "ETEST_MANIFEST_IO": { summary: "The tests manifest could not be read.", stage: "parse" },
  "ETEST_MANIFEST_JSON": { summary: "The tests manifest is not well-formed JSON, or a test/tests entry is not the right JSON kind.", stage: "parse" },
  "ETEST_SCHEMA_VERSION": { summary: "The tests manifest's schema_version is not x07.tests_manifest@0.1.0 or @0.2.0.", stage: "parse" },
  "ETEST_TESTS_EMPTY": { summary: "The tests manifest lists no tests and --allow-empty was not given.", stage: "parse" },
  "ETEST_ID_EMPTY": { summary: "A test has no id or an empty one.", stage: "parse" },
  "ETEST_ID_NON_ASCII": { summary: "A test id has characters outside printable ASCII.", stage: "parse" },
  "ETEST_ID_DUPLICATE": { summary: "Two tests share an id.", stage: "parse" },
  "ETEST_WORLD_INVALID": { summary: "A test names a world that does not exist.", stage: "parse" },
  "ETEST_ENTRY_INVALID": { summary: "A test entry is not module.symbol, or no defn/defasync of that name is found under the module roots.", stage: "parse" },
  "ETEST_EXPECT_INVALID": { summary: "A test's expect is not pass, fail or skip.", stage: "parse" },
  "ETEST_RETURNS_INVALID": { summary: "A test's returns is not result_i32 or bytes_status_v1.", stage: "parse" },
  "ETEST_TIMEOUT_INVALID": { summary: "A test's timeout_ms or solve_fuel is not an integer of at least 1.", stage: "parse" },
  "ETEST_FIXTURE_REQUIRED": { summary: "A solve-fs/rr/kv/full test has no fixture_root.", stage: "parse" },
  "ETEST_FIXTURE_FORBIDDEN": { summary: "A solve-pure or OS-world test names a fixture_root.", stage: "parse" },
  "ETEST_FIXTURE_UNSAFE_PATH": { summary: "A fixture_root is absolute, has a backslash or climbs out with `..`.", stage: "parse" },
  "ETEST_FIXTURE_MISSING": { summary: "A fixture_root does not exist.", stage: "parse" },
  "ETEST_POLICY_REQUIRED": { summary: "A run-os-sandboxed test has no policy_json.", stage: "parse" },
  "ETEST_POLICY_FORBIDDEN": { summary: "A test outside run-os-sandboxed names a policy_json.", stage: "parse" },
  "ETEST_POLICY_UNSAFE_PATH": { summary: "A policy_json path is absolute, has a backslash or climbs out with `..`.", stage: "parse" },
  "ETEST_SANDBOX_ONLY": { summary: "require_runtime_attestation, required_capsules or sandbox_smoke is set on a test outside run-os-sandboxed.", stage: "parse" },
  "ETEST_INPUT_NOT_ALLOWED_V010": { summary: "input_b64/input_path need a x07.tests_manifest@0.2.0 manifest.", stage: "parse" },
  "ETEST_INPUT_UNSUPPORTED_WORLD": { summary: "input_b64/input_path are given to a test outside the solve-* worlds.", stage: "parse" },
  "ETEST_INPUT_CONFLICT": { summary: "A test gives both input_b64 and input_path, or an input together with pbt.", stage: "parse" },
  "ETEST_INPUT_B64_INVALID": { summary: "input_b64 is not padded base64.", stage: "parse" },
  "ETEST_INPUT_UNSAFE_PATH": { summary: "An input_path is absolute, has a backslash or climbs out with `..`.", stage: "parse" },
  "ETEST_INPUT_PATH_READ_FAILED": { summary: "An input_path file could not be read.", stage: "parse" },
  "ETEST_COMPILE": { summary: "A test's driver did not check (compile failure; exit 11); the checker's diagnostics are in compile.compiler_diags.", stage: "type" },
  "ETEST_WORLD_UNSUPPORTED": { summary: "The in-process runner runs only solve-pure tests; this test's world was not run.", stage: "run" },
  "EFAIL_FAST": { summary: "The test was skipped because an earlier test did not meet its expectation (fail-fast).", stage: "run" },
  "EDETERMINISM": { summary: "Repeated runs (--repeat) of a test observed different results.", stage: "run" },
  "EBAD_STATUS": { summary: "A test returned bytes that are not a bytes_status_v1 record (5 bytes, tag 0/1/2).", stage: "run" },
  "X07T_RUN_TRAP": { summary: "A test run trapped; details.trap holds the trap message.", stage: "run" },
  "X07T_ASSERT_BYTES_EQ": { summary: "std.test.assert_bytes_eq failed; details hold the lengths and prefixes of both sides.", stage: "run" },
  // test: property-based tests
  "X07T_EPBT_MANIFEST_INVALID": { summary: "A test's pbt object is malformed (counts, params, budgets), or a pbt test does not return bytes_status_v1.", stage: "parse" },
  "X07T_EPBT_UNSUPPORTED_WORLD": { summary: "Property tests run only in solve-* worlds.", stage: "parse" },
  "X07T_EPBT_PARAM_EMPTY": { summary: "A pbt object has no params.", stage: "parse" },
  "X07T_EPBT_UNKNOWN_GEN_KIND": { summary: "A pbt param's generator kind is neither i32 nor bytes.", stage: "parse" },
  "X07T_EPBT_FAIL": { summary: "A property failed (or its repro still fails); details hold the x07.pbt.repro@0.1.0 document.", stage: "run" },
  "X07T_EPBT_REPRO_NONREPRO": { summary: "The replayed repro case now passes: the failure no longer reproduces.", stage: "run" },
  "X07T_EPBT_REPRO_WRITE": { summary: "The repro file of a failing property could not be written.", stage: "run" },
  // fix --from-pbt
  "X07-PBT-FIX-ARGS-0001": { summary: "fix --from-pbt was run without --write.", stage: "rewrite" },
  "X07-PBT-REPRO-READ-0001": { summary: "The repro file could not be read.", stage: "parse" },
  "X07-PBT-REPRO-PARSE-0001": { summary: "The repro file is not well-formed JSON.", stage: "parse" },
  "X07-PBT-REPRO-SCHEMA-0001": { summary: "The repro file does not match x07.pbt.repro@0.1.0.", stage: "parse" },
  "X07-PBT-FIX-MANIFEST-0001": { summary: "The tests manifest to extend could not be read or is not a tests manifest.", stage: "parse" },
  "X07-PBT-FIX-TEST-NOT-FOUND-0001": { summary: "The manifest has no test with the repro's id, entry and world.", stage: "parse" },
  "X07-PBT-FIX-UNSUPPORTED-TY-0001": { summary: "The counterexample has a parameter type the wrapper cannot decode (only i32 and bytes).", stage: "rewrite" },
  "X07-PBT-FIX-CONFLICT-0001": { summary: "A wrapper, repro copy or manifest entry already exists with different content; nothing was overwritten.", stage: "rewrite" },
  "X07-PBT-FIX-INFO-0001": { summary: "The regression test for a repro was added (or was already in place); data holds the paths, ids and case hash.", stage: "rewrite" },
  ...VERIFY_CODES,
  ...ARCH_CODES,
  ...TRUST_CODES,
  ...CERTIFY_CODES,
  ...REVIEW_CODES,
  ...INIT_CODES,
} as const satisfies Record<string, CodeInfo>;


/** A diagnostic code the SDK emits. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Whether a string is a code in the table. */
export const isDiagnosticCode = (code: string): code is DiagnosticCode =>
  Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code);
