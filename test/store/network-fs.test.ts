import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/store/db';
import { isNetworkType, mountOf, parseMounts } from '../../src/store/network-fs';

/** A mount table like /proc/mounts where the store's directory is a CIFS share, as App Service's /home is. */
function mountsWith(dir: string, type: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mounts-')), 'mounts');
  writeFileSync(file, [
    'overlay / overlay rw,relatime 0 0',
    'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
    `//storageacct.file.core.windows.net/share ${dir.replace(/ /g, '\\040')} ${type} rw,relatime,vers=3.1.1 0 0`,
  ].join('\n'));
  return file;
}

const journalMode = async (store: Store): Promise<string | undefined> =>
  (await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db)).rows[0]?.journal_mode;

describe('SQLite on a network filesystem', () => {
  it('when the store path is on a CIFS share, then the bot refuses to start and points to PostgreSQL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'home share-'));
    const mountsFile = mountsWith(dir, 'cifs');
    await expect(openStore({ kind: 'sqlite', path: join(dir, 'data', 'bot.sqlite'), mountsFile })).rejects.toMatchObject({
      code: 'config.invalid',
      message: expect.stringMatching(/network filesystem \(cifs at .*home share-.*DATABASE_URL.*SQLITE_ALLOW_NETWORK_FS=rollback-journal/s),
    });
  });

  it('when the admin opts in, then the store opens with a rollback journal (not WAL) and says one instance only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nfs-'));
    const warnings: string[] = [];
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'bot.sqlite'), mountsFile: mountsWith(dir, 'nfs4'), onNetworkFs: 'rollback-journal', warn: (m) => warnings.push(m) });
    expect(await journalMode(store)).toBe('delete');
    expect(warnings.join(' ')).toMatch(/nfs4 .*Run ONE instance only/);
    await store.close();
  });

  it('when the store is on a local disk, then it uses WAL as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-'));
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'bot.sqlite'), mountsFile: mountsWith(join(dir, 'elsewhere'), 'cifs') });
    expect(await journalMode(store)).toBe('wal');
    await store.checkWritable();
    await store.close();
  });

  it('knows the network types (SMB, NFS, 9p, FUSE remotes) from local ones, and reads escaped mount points', () => {
    expect(['cifs', 'smb3', 'nfs', 'nfs4', '9p', 'fuse.sshfs', 'fuse.blobfuse2'].filter(isNetworkType)).toHaveLength(7);
    expect(['ext4', 'xfs', 'overlay', 'tmpfs', 'fuse.fuse-overlayfs'].filter(isNetworkType)).toEqual([]);
    expect(parseMounts('srv:/x /mnt/with\\040space nfs rw 0 0')).toEqual([{ mountPoint: '/mnt/with space', type: 'nfs' }]);
    expect(mountOf('/anything', '/no/such/mounts/file')).toBeNull();
  });
});
