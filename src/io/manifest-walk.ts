import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { relative, resolve, sep } from "node:path";
import type { Notice } from "../../analyzer/types.js";
import { walkedFileTest, type WalkedFiles } from "../../analyzer/parse/manifest-path.js";
import { UsageError } from "../exit-codes.js";
import { describeError, type ListedFile } from "./read-file.js";

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);


const FILE = 0;
const DIRECTORY = 1;
const SYMLINK = 2;

/** A folder being listed: its entries, sorted by name, and the next one to look at. */
interface Frame {
  directory: string;
  /** The folder's real path: a file's identity is this plus its name, whatever link led here. */
  real: string;
  /** The folder's display path ("." for cwd itself). */
  folder: string;
  names: string[];
  kinds: number[];
  next: number;
}

/** A path given on the command line, as it was found when the walk started. */
type Root = { absolute: string; kind: "directory" | "file" } | { absolute: string; kind: "notice"; message: string };

/** Everything a walk needs to go on elsewhere (plain data: it is posted to the reader thread). */
export interface WalkState {
  cwd: string;
  roots: Root[];
  nextRoot: number;
  frames: Frame[];
  seenDirectories: string[];
  /** Real paths of the files listed so far. */
  seenFiles: string[];
  /** Real paths of the files this run writes or reads as something else: never manifests. */
  ownFiles: string[];
  notices: Notice[];
  /** Which files in folders are listed (files given by name always are). */
  files: WalkedFiles;
}

/**
 * The walk of the paths given on the command line: folders recursively (skipping
 * node_modules and .git, following symlinks, each real folder once so symlink loops end),
 * files as given; each file once, by its real path (a file reached through a symlink too,
 * which made every name in it "declared twice"). Display paths are POSIX and relative to
 * `cwd`. Files the run itself writes or reads in another role (`ownFiles`: its `--output`,
 * the file its stdout is redirected to, its baseline and config) are left out without a
 * notice: a report written into the linted folder came back as a skipped "manifest".
 *
 * It can stop after some files and go on later, even on another thread (`state`, `resume`):
 * the CLI lists the first files itself and hands the rest of a large walk to the reader
 * thread, so that the parsing thread never waits for the folders to be listed. The walk
 * visits folders in the same order wherever it runs, so its notices come in the same order.
 */
export class ManifestWalk {
  private readonly seenDirectories: Set<string>;
  private readonly seenFiles: Set<string>;
  private readonly ownFiles: Set<string>;
  private readonly wanted: (name: string) => boolean;

  private constructor(private readonly s: WalkState) {
    this.seenDirectories = new Set(s.seenDirectories);
    this.seenFiles = new Set(s.seenFiles);
    this.ownFiles = new Set(s.ownFiles);
    this.wanted = walkedFileTest(s.files);
  }

  /** Looks at every given path now: one that does not exist is a usage error before anything is read. */
  static start(paths: string[], cwd: string, ownFiles: readonly string[] = [], files: WalkedFiles = "manifests"): ManifestWalk {
    const roots: Root[] = paths.map((given) => {
      // `loopscope lint "$DIR"` with DIR unset: an empty path would silently mean this folder.
      if (given === "") throw new UsageError('an empty path was given (an unset variable?); use "." for this folder');
      const absolute = resolve(cwd, given);
      try {
        return { absolute, kind: statSync(absolute).isDirectory() ? "directory" : "file" };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`${given}: no such file or folder (${code})`);
        return { absolute, kind: "notice", message: `cannot read (${describeError(error)}); skipped` };
      }
    });
    // Walked in path order, not argument order: a folder reached twice (`lint real link`, link a
    // symlink to real) is named by the same spelling whichever order the paths were given in.
    roots.sort((a, b) => (a.absolute < b.absolute ? -1 : a.absolute > b.absolute ? 1 : 0));
    // Files not made yet cannot be met on the walk; the rest by their real path.
    const own = ownFiles.flatMap((file) => {
      const real = realFile(resolve(cwd, file));
      return real === undefined ? [] : [real];
    });
    return new ManifestWalk({ cwd, roots, nextRoot: 0, frames: [], seenDirectories: [], seenFiles: [], ownFiles: own, notices: [], files });
  }

  static resume(state: WalkState): ManifestWalk {
    return new ManifestWalk(state);
  }

  get done(): boolean {
    return this.s.frames.length === 0 && this.s.nextRoot >= this.s.roots.length;
  }

  /** What could not be walked (folders that cannot be read, broken symlinks), in walk order. */
  get notices(): Notice[] {
    return this.s.notices;
  }

  state(): WalkState {
    return { ...this.s, seenDirectories: [...this.seenDirectories], seenFiles: [...this.seenFiles], ownFiles: [...this.ownFiles] };
  }

  /** Lists up to `limit` more files (fewer once the walk ends). */
  next(limit = Infinity): ListedFile[] {
    const found: ListedFile[] = [];
    const add = (path: string, absolute: string, real: string) => {
      if (this.seenFiles.has(real) || this.ownFiles.has(real)) return;
      this.seenFiles.add(real);
      found.push({ path, absolute });
    };
    const { frames, roots } = this.s;
    while (found.length < limit) {
      const frame = frames[frames.length - 1];
      if (!frame) {
        const root = roots[this.s.nextRoot++];
        if (!root) break;
        if (root.kind === "notice") this.s.notices.push({ file: this.display(root.absolute), message: root.message });
        else if (root.kind === "directory") this.enter(root.absolute);
        else add(this.display(root.absolute), root.absolute, realFile(root.absolute) ?? root.absolute);
        continue;
      }
      if (frame.next >= frame.names.length) {
        frames.pop();
        continue;
      }
      const i = frame.next++;
      const name = frame.names[i]!;
      // `directory` is absolute and normalised (resolve, then names appended), so joining is appending.
      const full = frame.directory.endsWith(sep) ? frame.directory + name : frame.directory + sep + name;
      // A file's display path is its folder's plus its name: path.relative per file was a third of the walk.
      const path = frame.folder === "." ? name : `${frame.folder}/${name}`;
      const kind = frame.kinds[i];
      if (kind === DIRECTORY) {
        if (!SKIPPED_DIRECTORIES.has(name)) this.enter(full);
      } else if (kind === SYMLINK) {
        let target;
        try {
          target = statSync(full);
        } catch (error) {
          this.s.notices.push({ file: path, message: `${(error as NodeJS.ErrnoException).code === "ELOOP" ? "symlink loop" : "broken symlink"} (${describeError(error)}); skipped` });
          continue;
        }
        if (target.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(name)) this.enter(full);
        } else if (this.wanted(name)) add(path, full, realFile(full) ?? full);
      } else if (this.wanted(name)) {
        // Regular files and anything else with a manifest name (a FIFO, a socket): the reader decides.
        add(path, full, frame.real.endsWith(sep) ? frame.real + name : frame.real + sep + name);
      }
    }
    return found;
  }

  private enter(directory: string): void {
    let real: string;
    try {
      // One realpath(3) call; the JS realpathSync lstat()s every component of every folder.
      real = realpathSync.native(directory);
    } catch (error) {
      this.s.notices.push({ file: this.display(directory), message: `cannot resolve this folder (${describeError(error)}); skipped` });
      return;
    }
    if (this.seenDirectories.has(real)) return; // a symlink loop, or the same folder twice
    this.seenDirectories.add(real);
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      this.s.notices.push({ file: this.display(directory), message: `cannot read this folder (${describeError(error)}); skipped` });
      return;
    }
    let named: NamedEntry[] = entries;
    if (entries.some((entry) => entry.name.includes("\uFFFD"))) named = this.withoutUnreadableNames(directory);
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = named.map((entry) => entry.name);
    const kinds = named.map((entry) => (entry.isDirectory() ? DIRECTORY : entry.isSymbolicLink() ? SYMLINK : FILE));
    this.s.frames.push({ directory, real, folder: this.display(directory), names, kinds, next: 0 });
  }

  /**
   * Node names files by decoding their bytes as UTF-8, so a name that is not UTF-8 (Latin-1
   * `team\xe9`, which git and Linux allow) comes back changed and cannot be opened by it: the
   * folder's findings were lost behind "cannot resolve this folder (ENOENT)". Such names get a
   * notice that says so, with their bytes, and are left out.
   */
  private withoutUnreadableNames(directory: string): NamedEntry[] {
    const folder = this.display(directory);
    const kept: NamedEntry[] = [];
    // Each raw name on its own: two names can decode to one string (`x\xe8` and `x\xe9` both
    // to "x\ufffd"), and a name really holding U+FFFD is valid and readable.
    for (const entry of readdirSync(directory, { encoding: "buffer", withFileTypes: true })) {
      const raw = entry.name as unknown as Buffer;
      const decoded = raw.toString("utf8");
      if (Buffer.from(decoded, "utf8").equals(raw)) {
        kept.push({ name: decoded, isDirectory: () => entry.isDirectory(), isSymbolicLink: () => entry.isSymbolicLink() });
      } else if (entry.isDirectory() || entry.isSymbolicLink() || this.wanted(decoded)) {
        const shown = [...raw].map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`)).join("");
        this.s.notices.push({ file: folder === "." ? shown : `${folder}/${shown}`, message: "this name is not valid UTF-8, so it cannot be opened by name here; skipped (rename it)" });
      }
    }
    return kept;
  }

  private display(absolute: string): string {
    const rel = relative(this.s.cwd, absolute);
    return (rel === "" ? "." : rel).split(sep).join("/");
  }
}

/** The real path of a file, or undefined when there is none (it does not exist, a broken link). */
function realFile(absolute: string): string | undefined {
  try {
    return realpathSync.native(absolute);
  } catch {
    return undefined;
  }
}

/** A folder entry as the walk needs it: its name as text and what it is. */
type NamedEntry = Pick<Dirent, "isDirectory" | "isSymbolicLink"> & { name: string };

/** The whole walk at once: files sorted by display path, and the notices. */
export function listManifestFiles(paths: string[], cwd: string, ownFiles: readonly string[] = [], walked: WalkedFiles = "manifests"): { files: ListedFile[]; notices: Notice[] } {
  const walk = ManifestWalk.start(paths, cwd, ownFiles, walked);
  const files = walk.next().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notices: walk.notices };
}
