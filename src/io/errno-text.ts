/**
 * A system error code as people read it, with the code kept for searching: "no space left on
 * the device (ENOSPC)". A bare "ENOSPC" after a report had been written was all a user got.
 */
export function errnoText(code: string): string {
  const meaning = MEANINGS[code];
  return meaning === undefined ? code : `${meaning} (${code})`;
}

const MEANINGS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file is larger than this file system or process allows",
  EROFS: "a read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EIO: "an input/output error of the device",
  EISDIR: "a folder stands there",
  ENOTDIR: "a file stands where a folder is needed",
  ENOENT: "no such file or folder",
  EPIPE: "the reader closed the pipe",
  EBUSY: "the file is busy",
  ETXTBSY: "the file is busy",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the name is too long",
};
