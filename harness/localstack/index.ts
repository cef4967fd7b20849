/**
 * LocalStack community without Docker: a venv in the lab's cache with localstack-core from PyPI, and
 * a child process on a loopback port of its own. The `localstack` target and the conformance checks
 * start it through here.
 */
export { startNativeLocalstack, LOCALSTACK_SERVICES } from './native.ts';
export type { NativeLocalstack, StartNativeLocalstackOptions } from './native.ts';
export {
  ensureLocalstackVenv,
  findPython,
  localstackCacheDir,
  LOCALSTACK_PYTHON_ENV,
  LOCALSTACK_REQUIREMENTS,
} from './venv.ts';
export type { EnsureVenvOptions, LocalstackVenv } from './venv.ts';
export { LOCALSTACK_VERSION } from './version.ts';
