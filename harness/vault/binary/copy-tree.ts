import { chmod, copyFile, mkdir, readdir, readlink, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Copies a directory tree out of the Go module cache (where everything is read-only) into a writable
 * tree: directories 0755, files 0644 (0755 if executable), so the build can add the replaced modules
 * and patch files.
 */
export async function copyTreeWritable(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o755 });
  await chmod(to, 0o755);
  const entries = await readdir(from, { withFileTypes: true });
  const files: Promise<void>[] = [];
  for (const entry of entries) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await copyTreeWritable(source, target);
    } else if (entry.isSymbolicLink()) {
      files.push(readlink(source).then((link) => symlink(link, target)));
    } else if (entry.isFile()) {
      files.push(
        (async () => {
          await copyFile(source, target);
          const { mode } = await stat(source);
          await chmod(target, mode & 0o111 ? 0o755 : 0o644);
        })(),
      );
    }
  }
  await Promise.all(files);
}
