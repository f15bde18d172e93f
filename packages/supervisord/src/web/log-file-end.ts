/** Reads the last bytes of a log file without loading the rest of it. */
import { promises as fs } from 'node:fs';

export interface LogEnd {
  data: Buffer;
  /** The file size the data ends at. */
  size: number;
}

/** The last `bytes` bytes of the file (all of it when smaller); null when it does not exist. */
export async function readLogEnd(path: string, bytes: number): Promise<LogEnd | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, Math.max(0, bytes));
    const data = Buffer.alloc(length);
    const { bytesRead } = await handle.read(data, 0, length, size - length);
    return { data: data.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}
