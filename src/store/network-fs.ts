/**
 * Is a path on a network filesystem? SQLite's locking (WAL above all, which needs shared memory
 * between the processes using the file) is not reliable over network filesystems (sqlite.org:
 * "WAL does not work over a network filesystem"; Azure App Service's /home is an SMB/CIFS share).
 * Answered from the mount table (/proc/mounts on Linux): the longest mount point that contains the path.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

const NETWORK_TYPES = new Set(['cifs', 'smb3', 'smbfs', 'smb', 'nfs', 'nfs4', '9p', 'afs', 'ceph', 'glusterfs', 'lustre', 'gpfs', 'beegfs', 'ncpfs', 'coda', 'davfs', 'virtiofs']);
/** FUSE filesystems that are local disks (every other fuse.* — sshfs, blobfuse, s3fs, rclone, gcsfuse… — is treated as remote). */
const LOCAL_FUSE = new Set(['fuse.fuse-overlayfs', 'fuse.lxcfs']);

export interface Mount {
  mountPoint: string;
  type: string;
}

export const DEFAULT_MOUNTS_FILE = '/proc/mounts';

export function isNetworkType(type: string): boolean {
  const t = type.toLowerCase();
  return NETWORK_TYPES.has(t) || (t.startsWith('fuse.') && !LOCAL_FUSE.has(t)) || t === 'fuse';
}

/** Mount points are written with octal escapes for space, tab, newline and backslash. */
const unescape = (field: string): string => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

export function parseMounts(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const [, mountPoint, type] = line.trim().split(/\s+/);
    if (mountPoint && type) mounts.push({ mountPoint: unescape(mountPoint), type });
  }
  return mounts;
}

/** The nearest existing directory of `path`, with symbolic links resolved. */
function existingDirectory(path: string): string {
  let dir = dirname(resolve(path));
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return realpathSync(dir);
}

/** The mount holding `path`, or null when the mount table cannot be read (not Linux). */
export function mountOf(path: string, mountsFile = DEFAULT_MOUNTS_FILE): Mount | null {
  let text: string;
  try {
    text = readFileSync(mountsFile, 'utf8');
  } catch {
    return null;
  }
  const dir = existingDirectory(path);
  let best: Mount | null = null;
  for (const mount of parseMounts(text)) {
    const point = mount.mountPoint;
    const contains = point === '/' || dir === point || dir.startsWith(point.endsWith(sep) ? point : `${point}${sep}`);
    if (contains && (!best || point.length >= best.mountPoint.length)) best = mount;
  }
  return best;
}
