import type { BigIntStats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { GenerationRecord } from './follower-state.ts';
import type { ShipperEventListener } from '../events.ts';
import {
  FINGERPRINT_BYTES,
  describeIdentity,
  extendIdentity,
  identify,
  sameContentStart,
  sameInode,
} from './file-identity.ts';
import type { Generation, GenerationInit } from './generation.ts';
import type { GenerationList } from './generation-list.ts';
import { findCopy, locateByIdentity, rotatedSiblings } from './locate.ts';
import { IntervalSet } from '../position.ts';

/**
 * What happened to a followed name, and which file to read next:
 * - rename (logrotate `create`, Vault's mv + SIGHUP): a new file took the name. The renamed one stays
 *   open and is read until it has been idle for `rotationGraceMs` (the follower's pass decides),
 *   which covers writes a logger makes to the old file between the rename and its reopen.
 * - removal without replacement (mv without SIGHUP, rm): the open file keeps being read, since the
 *   writer may still be writing to it.
 * - copytruncate: seen as the file shrinking, or its first bytes changing; the bytes not yet read are
 *   looked for in the copy (a sibling starting with the same bytes) and read from there.
 * - rotation while stopped: on start, each file of the saved state is looked up by identity (inode +
 *   first bytes) under its last name or any name in its directory, and finished first. Files that
 *   took the name and were rotated away again before the restart, never read, are found among the
 *   rotated siblings and read next (see `recoverRotatedWhileStopped`).
 */
export interface FollowedName {
  readonly path: string;
  readonly files: GenerationList;
  /** Wall time (the I/O clock). */
  now(): number;
  readonly emit: ShipperEventListener;
  /** A generation reading `init.handle` on behalf of this follower (not yet in `files`). */
  generation(init: GenerationInit): Generation;
  save(): Promise<void>;
}

/** Notices a new file under the name, the name disappearing, or the current file being truncated. */
export async function checkName(name: FollowedName): Promise<void> {
  const st = await stat(name.path, { bigint: true }).catch(() => undefined);
  const newest = name.files.newest;
  if (st === undefined || !st.isFile()) {
    if (newest && !newest.nameGone && !newest.rotated) {
      newest.nameGone = true;
      name.emit({
        type: 'rotation',
        path: name.path,
        kind: 'removed',
        detail: 'the name is gone; still reading the open file',
      });
    }
    return;
  }
  if (newest === undefined || !sameInode(newest.identity, st)) {
    if (name.files.holdsInode(st)) return;
    await openNew(name, st, newest);
    return;
  }
  newest.nameGone = false;
  await checkContent(name, newest, st);
}

/** Finds a file of the saved state again (it may have been renamed or copytruncated while stopped). */
export async function restoreGeneration(name: FollowedName, record: GenerationRecord): Promise<void> {
  const dirs = [path.dirname(name.path), path.dirname(record.path)];
  const done = IntervalSet.fromJSON(record.done);
  const committed = done.contiguousEnd();
  let found = await locateByIdentity(record.identity, [record.path, name.path], dirs);
  // Copytruncated while stopped: the same inode now holds other bytes, the old ones are in a copy.
  found ??= await findCopy(record.identity, path.dirname(name.path), '', committed[0]);
  if (found === undefined) {
    name.emit({
      type: 'data-loss',
      path: record.path,
      bytes: undefined,
      reason: `file (${describeIdentity(record.identity)}) is gone (deleted or compressed while the shipper was stopped); whatever it held past offset ${committed[0]} was not shipped`,
    });
    return;
  }
  const identity = { ...record.identity, dev: String(found.stats.dev), ino: String(found.stats.ino) };
  const generation = name.generation({
    identity,
    path: found.path,
    handle: found.handle,
    done,
    suspects: record.pending,
  });
  generation.lastSize = Number(found.stats.size);
  generation.lastMtimeNs = found.stats.mtimeNs;
  if (record.rotated || found.path !== name.path) generation.markRotated(name.now());
  name.files.add(generation);
  name.emit({
    type: 'file-opened',
    path: found.path,
    offset: generation.readOffset,
    resumed: true,
    identity: describeIdentity(record.identity),
  });
}

/**
 * A rotated file the last checkpoint did not know yet may have been written shortly before it was
 * saved (between a rotation and the pass that would have noticed it).
 */
const CHECKPOINT_LAG_MS = 60_000;

/**
 * Finds the files rotated away while the shipper was stopped that it never read. Only when the name
 * no longer holds the newest file of the saved state (so rotations happened): a rotated sibling
 * (`rotatedSiblings`) modified since the state was saved, that this follower does not know and no
 * other follower reads, held lines written while it was stopped. Each is read, oldest first, after
 * the saved files and before the file now under the name. One compressed meanwhile cannot be read:
 * that gap is reported as a loss.
 */
export async function recoverRotatedWhileStopped(
  name: FollowedName,
  savedAtMs: number,
  followedElsewhere: (file: string) => boolean,
): Promise<void> {
  const current = await stat(name.path, { bigint: true }).catch(() => undefined);
  const newest = name.files.newest;
  if (current && newest && sameInode(newest.identity, current)) return;
  for (const sibling of await rotatedSiblings(name.path, savedAtMs - CHECKPOINT_LAG_MS)) {
    const st = sibling.stats;
    const isCurrent = current !== undefined && current.dev === st.dev && current.ino === st.ino;
    if (isCurrent || name.files.holdsInode(st) || followedElsewhere(sibling.path)) continue;
    if (sibling.compressed) {
      name.emit({
        type: 'data-loss',
        path: sibling.path,
        bytes: undefined,
        reason: `rotated and compressed while the shipper was stopped, after its last checkpoint; the lines in it that were never read were not shipped`,
      });
      continue;
    }
    const handle = await open(sibling.path, 'r').catch(() => undefined);
    if (handle === undefined) continue;
    const identity = await identify(handle, st);
    const completed = name.files.completedAs(st, identity);
    if (completed && (await sameContentStart(handle, completed.identity, Number(st.size)))) {
      await handle.close();
      continue;
    }
    const generation = name.generation({ identity, path: sibling.path, handle });
    generation.lastSize = Number(st.size);
    generation.lastMtimeNs = st.mtimeNs;
    generation.markRotated(name.now());
    name.files.add(generation);
    name.emit({
      type: 'rotation',
      path: name.path,
      kind: 'rename',
      detail: `${sibling.path} (${describeIdentity(identity)}) took the name and was rotated away while the shipper was stopped; reading its ${st.size} bytes, never read, before ${name.path}`,
    });
    name.emit({
      type: 'file-opened',
      path: sibling.path,
      offset: 0,
      resumed: false,
      identity: describeIdentity(identity),
    });
  }
}

async function openNew(name: FollowedName, st: BigIntStats, previous: Generation | undefined): Promise<void> {
  const handle = await open(name.path, 'r');
  const identity = await identify(handle);
  if (!sameInode(identity, st)) {
    // Replaced between stat and open: look again next pass.
    await handle.close();
    return;
  }
  // A file this follower already finished (its name came back): continue where it ended.
  const completed = name.files.completedAs(st, identity);
  const done = new IntervalSet();
  if (completed && (await sameContentStart(handle, completed.identity, Number(st.size))))
    done.add([0, 0], [completed.size, 0]);
  if (previous) {
    previous.markRotated(name.now());
    name.emit({
      type: 'rotation',
      path: name.path,
      kind: 'rename',
      detail: `a new file (${describeIdentity(identity)}) took the name; draining ${describeIdentity(previous.identity)} first`,
    });
  }
  const generation = name.generation({ identity, path: name.path, handle, done });
  generation.lastSize = Number(st.size);
  generation.lastMtimeNs = st.mtimeNs;
  name.files.add(generation);
  name.emit({
    type: 'file-opened',
    path: name.path,
    offset: generation.readOffset,
    resumed: done.intervals.length > 0,
    identity: describeIdentity(identity),
  });
  await name.save();
}

async function checkContent(name: FollowedName, generation: Generation, st: BigIntStats): Promise<void> {
  const size = Number(st.size);
  const handle = generation.handle;
  if (handle === undefined) return;
  // A size check alone misses a copytruncate whose new content grew back to the same size (or
  // past the offset read so far): any change of size or mtime re-checks the first bytes.
  const changed = size !== generation.lastSize || st.mtimeNs !== generation.lastMtimeNs;
  generation.lastMtimeNs = st.mtimeNs;
  let truncated = size < generation.readOffset;
  if (!truncated && changed && generation.identity.fpLen > 0) {
    truncated = !(await sameContentStart(handle, generation.identity, size));
  }
  if (truncated) {
    await onTruncated(name, generation, size);
    return;
  }
  if (generation.identity.fpLen < FINGERPRINT_BYTES && size > generation.identity.fpLen) {
    generation.identity = await extendIdentity(handle, generation.identity, size);
  }
  generation.lastSize = size;
}

async function onTruncated(name: FollowedName, generation: Generation, size: number): Promise<void> {
  const copy = await findCopy(generation.identity, path.dirname(name.path), name.path, generation.readOffset);
  generation.markRotated(name.now());
  if (copy) {
    await generation.repoint(
      copy.handle,
      { ...generation.identity, dev: String(copy.stats.dev), ino: String(copy.stats.ino) },
      copy.path,
    );
    name.emit({
      type: 'rotation',
      path: name.path,
      kind: 'truncate',
      detail: `truncated to ${size} bytes; reading the rest of the old content from its copy ${copy.path}`,
    });
  } else {
    const unread = generation.lastSize - generation.readOffset;
    if (unread > 0) {
      name.emit({
        type: 'data-loss',
        path: name.path,
        bytes: unread,
        reason: 'truncated before these bytes were read, and no copy of them was found next to it',
      });
    }
    name.emit({
      type: 'rotation',
      path: name.path,
      kind: 'truncate',
      detail: `truncated to ${size} bytes; no copy found`,
    });
    await generation.finish();
  }
  const handle = await open(name.path, 'r');
  const identity = await identify(handle);
  const fresh = name.generation({ identity, path: name.path, handle });
  fresh.lastSize = size;
  name.files.add(fresh);
  name.emit({
    type: 'file-opened',
    path: name.path,
    offset: 0,
    resumed: false,
    identity: describeIdentity(identity),
  });
  await name.save();
}
