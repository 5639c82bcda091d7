/** File access for the stages (through effect's FileSystem service) and the SDK's tagged errors. */
export { InvalidInputError, FileReadError, FileWriteError } from "./errors.ts";
export type { X07Error } from "./errors.ts";
export { readBytes, writeText, collectX07Files, readJsonOrUndefined, readJsonObjectOrUndefined, findUp } from "./files.ts";
