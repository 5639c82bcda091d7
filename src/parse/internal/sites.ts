/**
 * Rule sites: the list expressions of a document that a file-local rule (lint: form arity, the `for` variable,
 * world-gated heads) may report, noted by the parser as it reads each list (core/heads/forms.ts `ruleMayApply`).
 * Lint then looks at these few lists instead of walking every expression of the program a second time.
 *
 * Kept per document made by this parser, in a WeakMap (documents are immutable; the entry goes with the document).
 * Per root expression (`/solve`, a body, a clause, a witness), in pre-order, as a walk would meet them.
 */
import type { Expr, ListExpr, X07AstDocument } from "../ast.ts";

/** The rule sites of a document, by root expression; a root without sites has no entry. */
export type RuleSites = ReadonlyMap<Expr, ReadonlyArray<ListExpr>>;

const byDocument = new WeakMap<X07AstDocument, RuleSites>();

export const noteRuleSites = (doc: X07AstDocument, sites: RuleSites): void => {
  byDocument.set(doc, sites);
};

/**
 * The rule sites the parser noted for `doc`, or undefined for a document this parser did not make (then a rule must
 * walk the expressions itself).
 * @since 0.1.0
 * @category stages
 */
export const ruleSitesOf = (doc: X07AstDocument): RuleSites | undefined => byDocument.get(doc);
