/** A node the engine cannot encode (reported as unsupported with its pointer and an `X07V_*` code). */
export class OutsideFragment {
  constructor(
    readonly ptr: string,
    readonly detail: string,
    readonly code: string = "X07V_PROVE_UNSUPPORTED",
  ) {}
}
