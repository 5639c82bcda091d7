/**
 * Services the stages depend on, as effect services with layers (`x07-sdk/services`).
 *
 * The file system is effect's own `FileSystem` service; this module provides its Node layer and an
 * in-memory layer, plus the atomic-write helper every writer uses.
 *
 * @packageDocumentation
 */
export {
  layerNodeFileSystem,
  layerNodeFileSystemAt,
  layerMemoryFileSystem,
  makeNodeFileSystem,
  makeMemoryFileSystem,
} from "./file-system.ts";
export { writeFileAtomic } from "../core/io/atomic.ts";
