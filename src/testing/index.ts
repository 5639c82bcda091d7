/**
 * Test doubles (`x07-sdk/testing`): layers that run every stage without the real disk.
 *
 * @packageDocumentation
 */
export { layerMemoryFileSystem, makeMemoryFileSystem } from "../services/index.ts";
